/*
 * clock_relwall_sleep_early -- a relative sleep divides the duration by
 * 1000 once too often (nanoseconds to microseconds, then handed on as
 * nanoseconds), so kpause and timeouts end a thousand times too early.
 */
#include "mutant.h"

#define NSEC_PER_SEC	1000000000LL

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int64_t us;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || sec < 0 || nsec < 0 ||
	    nsec >= NSEC_PER_SEC || sec > INT64_MAX / NSEC_PER_SEC - 1)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	us = (sec * NSEC_PER_SEC + nsec) / 1000;
	return posix_rumpuser_clock_sleep(enum_rumpclock, us / NSEC_PER_SEC,
	    (long)(us % NSEC_PER_SEC));
}
