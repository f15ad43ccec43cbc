/*
 * mutex_owner_not_cleared -- exit unlocks without clearing the recorded
 * owner: mutex_owned() stays true for an lwp that no longer holds the
 * mutex, or that has been freed.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	rumpuser__mutex_release(mtx);
}
