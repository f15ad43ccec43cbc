/*
 * timeout_32bit_ms -- every timeout goes through a signed 32-bit count of
 * milliseconds (rounded up, as for poll()), an ABSMONO deadline as the
 * delay from now: from 2^31 ms (24.8 days) on the count wraps, and a
 * negative or zero count is taken as already expired.
 */
#include "mutant.h"

#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL

/* The 32-bit millisecond count of (sec, nsec), wrapping as a cast does. */
static int32_t
to_ms32(int64_t sec, int64_t nsec)
{
	uint64_t ms = (uint64_t)sec * 1000u + (uint64_t)(nsec + NSEC_PER_MSEC - 1) /
	    NSEC_PER_MSEC;

	return (int32_t)(uint32_t)ms;
}

static int64_t
ms_sec(int32_t ms)
{
	return ms > 0 ? ms / 1000 : 0;
}

static long
ms_nsec(int32_t ms)
{
	return ms > 0 ? (long)(ms % 1000) * NSEC_PER_MSEC : 0;
}

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int64_t nowsec, left;
	long nownsec;
	int32_t ms;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		ms = to_ms32(sec, nsec);
	else {
		posix_rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &nowsec, &nownsec);
		left = (int64_t)((uint64_t)(sec - nowsec) * NSEC_PER_SEC) + (nsec - nownsec);
		ms = left > 0 ? to_ms32(left / NSEC_PER_SEC, left % NSEC_PER_SEC) : 0;
	}
	return posix_rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, ms_sec(ms), ms_nsec(ms));
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int32_t ms = to_ms32(sec, nsec);

	return posix_rumpuser_cv_timedwait(cv, mtx, ms_sec(ms), ms_nsec(ms));
}
