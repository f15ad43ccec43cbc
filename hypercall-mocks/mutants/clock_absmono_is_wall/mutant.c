/*
 * clock_absmono_is_wall -- the monotonic clock is read from the wall
 * clock. It then jumps with every clock adjustment, and absolute sleeps
 * computed from it wait for the wrong clock.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	if (enum_rumpclock == RUMPUSER_CLOCK_ABSMONO)
		enum_rumpclock = RUMPUSER_CLOCK_RELWALL;
	return posix_rumpuser_clock_gettime(enum_rumpclock, sec, nsec);
}
