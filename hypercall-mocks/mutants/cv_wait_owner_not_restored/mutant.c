/*
 * cv_wait_owner_not_restored -- the wait re-takes a KMUTEX interlock but
 * does not record the owner again: after every cv_wait the kernel's
 * mutex_owned() is false and its KASSERTs fire.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	posix_rumpuser_cv_wait(cv, mtx);
	rumpuser__mutex_clearowner(mtx);
}
