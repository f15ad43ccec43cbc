/*
 * cv_wait_zero_timeout -- cv_wait is built on the timed wait with a
 * timeout of 0, which the port's author took for "no timeout": every wait
 * returns at once. The kernel re-checks its condition and waits again,
 * so nothing breaks outright, but every sleeping kernel thread spins a
 * host CPU at full speed.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	(void)posix_rumpuser_cv_timedwait(cv, mtx, 0, 0);
}
