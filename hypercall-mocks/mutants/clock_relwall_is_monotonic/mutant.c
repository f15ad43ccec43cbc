/*
 * clock_relwall_is_monotonic -- the wall clock is read from the host's
 * boot-relative monotonic clock: the kernel's time of day (and every file
 * timestamp it writes) is decades in the past.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	if (enum_rumpclock == RUMPUSER_CLOCK_RELWALL)
		enum_rumpclock = RUMPUSER_CLOCK_ABSMONO;
	return posix_rumpuser_clock_gettime(enum_rumpclock, sec, nsec);
}
