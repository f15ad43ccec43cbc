/*
 * cv_timedwait_deadline_wraps -- the deadline is now + sec in 64-bit
 * seconds with no saturation: a timeout near INT64_MAX seconds wraps
 * into the past and the "practically forever" wait times out at once.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int64_t nowsec, dsec;
	long nownsec;

	posix_rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &nowsec, &nownsec);
	/* Two's complement wrap, as an unchecked time_t addition gives. */
	dsec = (int64_t)((uint64_t)nowsec + (uint64_t)sec);
	if (dsec < nowsec)
		return posix_rumpuser_cv_timedwait(cv, mtx, 0, 0);
	return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
}
