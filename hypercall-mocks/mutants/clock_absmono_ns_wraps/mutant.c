/*
 * clock_absmono_ns_wraps -- an absolute sleep keeps its deadline as an
 * unsigned 64-bit nanosecond count (a timer wheel's key) with no overflow
 * check: a deadline past 2^64 ns (584 years) wraps into the past and the
 * "sleep forever" the kernel asked for returns at once.
 */
#include "mutant.h"

#define NS_PER_SEC	1000000000ULL

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	uint64_t deadline;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO || sec < 0)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	deadline = (uint64_t)sec * NS_PER_SEC + (uint64_t)nsec;
	return posix_rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO,
	    (int64_t)(deadline / NS_PER_SEC), (long)(deadline % NS_PER_SEC));
}
