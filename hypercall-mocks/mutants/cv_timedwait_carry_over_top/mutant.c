/*
 * cv_timedwait_carry_over_top -- the deadline now + (sec, nsec) saturates
 * its seconds at INT64_MAX, but the check leaves no room for the
 * nanosecond carry added afterwards: a timeout ending in the last second
 * under the top carries the seconds over INT64_MAX, they wrap into the
 * past, and the "practically forever" wait times out at once.
 */
#include "mutant.h"

#define NSEC_PER_SEC	1000000000LL

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int64_t nowsec, dsec;
	long nownsec;

	posix_rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &nowsec, &nownsec);
	if (sec > INT64_MAX - nowsec)
		return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);	/* saturated */
	dsec = nowsec + sec;
	/* The carry, in two's complement as an unchecked time_t increment. */
	if (nownsec + nsec >= NSEC_PER_SEC)
		dsec = (int64_t)((uint64_t)dsec + 1);
	if (dsec < nowsec)
		return posix_rumpuser_cv_timedwait(cv, mtx, 0, 0);
	return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
}
