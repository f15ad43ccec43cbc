/*
 * cv_wait_keeps_cpu -- rumpuser_cv_wait sleeps without releasing the
 * virtual CPU (it behaves like cv_wait_nowrap), so no other kernel thread
 * can run on that CPU while this one waits.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	posix_rumpuser_cv_wait_nowrap(cv, mtx);
}
