/*
 * clock_absmono_min_quantum -- every sleep lasts at least the hypervisor's
 * 25 ms timer quantum, even toward a deadline that is nearer or past: the
 * clock thread, which sleeps 10 ms ticks, falls further behind each tick.
 */
#include "mutant.h"

#define NS_PER_SEC	1000000000LL
#define QUANTUM_NS	25000000LL

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int64_t now_s, want, floor;
	long now_ns;
	int rv;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	if ((rv = posix_rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &now_s, &now_ns)) != 0)
		return rv;
	want = sec * NS_PER_SEC + nsec;
	floor = now_s * NS_PER_SEC + now_ns + QUANTUM_NS;
	if (want < floor)
		want = floor;
	return posix_rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, want / NS_PER_SEC,
	    (long)(want % NS_PER_SEC));
}
