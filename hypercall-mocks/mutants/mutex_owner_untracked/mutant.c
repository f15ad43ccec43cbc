/*
 * mutex_owner_untracked -- the plain enter path forgets to record the
 * owning lwp of a KMUTEX mutex (tryenter and nowrap still do): the
 * kernel's mutex_owned() is false for the holder and its KASSERTs fire.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	posix_rumpuser_mutex_enter(mtx);
	rumpuser__mutex_clearowner(mtx);
}
