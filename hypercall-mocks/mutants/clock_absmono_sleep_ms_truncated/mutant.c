/*
 * clock_absmono_sleep_ms_truncated -- an absolute sleep is turned into a
 * relative one of whole milliseconds, rounded down: it wakes up to a
 * millisecond before the deadline, and the clock thread's ticks come early.
 */
#include "mutant.h"

#define NS_PER_SEC	1000000000LL
#define NS_PER_MS	1000000LL

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int64_t now_s, left, ms;
	long now_ns;
	int rv;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	if ((rv = posix_rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &now_s, &now_ns)) != 0)
		return rv;
	left = (sec - now_s) * NS_PER_SEC + (nsec - now_ns);
	ms = left > 0 ? left / NS_PER_MS : 0;
	return posix_rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, ms / 1000,
	    (long)(ms % 1000 * NS_PER_MS));
}
