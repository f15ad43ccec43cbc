/*
 * timeout_ns_rounded_to_ms -- the hypervisor's timer has millisecond
 * resolution and every duration and deadline is truncated to whole
 * milliseconds: sub-millisecond sleeps return at once, 1.9 ms sleeps last
 * 1 ms, and ABSMONO deadlines and timed waits end early.
 */
#include "mutant.h"

#define NSEC_PER_MSEC	1000000L

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	return posix_rumpuser_clock_sleep(enum_rumpclock, sec,
	    nsec - nsec % NSEC_PER_MSEC);
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec - nsec % NSEC_PER_MSEC);
}
