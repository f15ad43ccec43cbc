/*
 * cv_timedwait_nsec_ignored -- the timeout is converted from its seconds
 * alone (a timespec built from sec, nsec dropped): every wait under a
 * second, which is every tick-based wait of the kernel, times out at once.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	(void)nsec;
	return posix_rumpuser_cv_timedwait(cv, mtx, sec, 0);
}
