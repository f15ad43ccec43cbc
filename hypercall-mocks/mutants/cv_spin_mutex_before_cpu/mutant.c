/*
 * cv_spin_mutex_before_cpu -- when a wrapped cv wait on a SPIN|KMUTEX
 * interlock wakes up, it takes the mutex back before the virtual CPU: the
 * order that deadlocks a kernel whose CPU holder spins on that mutex.
 */
#include "mutant.h"

#define SPIN_KMUTEX (RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	int nlocks;

	if (mutant_mutex_flags(mtx) != SPIN_KMUTEX) {
		posix_rumpuser_cv_wait(cv, mtx);
		return;
	}
	mutant_unschedule(&nlocks, mtx);
	posix_rumpuser_cv_wait_nowrap(cv, mtx);	/* returns holding mtx */
	mutant_schedule(nlocks, mtx);
}
