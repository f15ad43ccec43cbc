/*
 * cv_spin_mutex_after_cpu -- after a wait on a SPIN-only interlock the
 * CPU is taken back with the mutex free and the mutex entered only then:
 * the kernel's scheduler lock (SPIN-only) must be held when
 * backend_schedule sees it as the interlock.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	int nlocks;

	if (mtx->flags != RUMPUSER_MTX_SPIN) {
		posix_rumpuser_cv_wait(cv, mtx);
		return;
	}
	mutant_unschedule(&nlocks, mtx);
	posix_rumpuser_cv_wait_nowrap(cv, mtx);
	posix_rumpuser_mutex_exit(mtx);
	mutant_schedule(nlocks, mtx);
	posix_rumpuser_mutex_enter_nowrap(mtx);
}
