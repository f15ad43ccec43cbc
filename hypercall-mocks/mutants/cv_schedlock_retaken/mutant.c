/*
 * cv_schedlock_retaken -- a wait on a SPIN-only interlock makes
 * sure it returns holding the mutex, re-entering it after
 * backend_schedule if it is free. For the kernel's scheduler lock, which
 * backend_schedule drops, that leaves it held: the next schedule
 * deadlocks.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	posix_rumpuser_cv_wait(cv, mtx);
	if (mtx->flags == RUMPUSER_MTX_SPIN)
		(void)posix_rumpuser_mutex_tryenter(mtx);
}
