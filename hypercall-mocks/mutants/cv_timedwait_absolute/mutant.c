/*
 * cv_timedwait_absolute -- the (sec, nsec) timeout is taken as an
 * absolute time on the monotonic clock: any real relative timeout is long
 * past, so every timed wait times out at once.
 */
#include "mutant.h"

#define NSEC_PER_SEC	1000000000LL

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int64_t nowsec, left;
	long nownsec;

	posix_rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &nowsec, &nownsec);
	left = (sec - nowsec) * NSEC_PER_SEC + (nsec - nownsec);
	if (left < 0)
		left = 0;
	return posix_rumpuser_cv_timedwait(cv, mtx, left / NSEC_PER_SEC,
	    left % NSEC_PER_SEC);
}
