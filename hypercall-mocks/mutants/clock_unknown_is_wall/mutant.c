/*
 * clock_unknown_is_wall -- the clock switch has a default: an unknown
 * clock number silently reads the wall clock. A kernel built against a
 * header with other clock numbers gets wrong times without notice.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		enum_rumpclock = RUMPUSER_CLOCK_RELWALL;
	return posix_rumpuser_clock_gettime(enum_rumpclock, sec, nsec);
}
