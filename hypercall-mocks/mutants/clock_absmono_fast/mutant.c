/*
 * clock_absmono_fast -- ABSMONO counts a 1.1 GHz cycle counter as if it
 * ticked once per nanosecond: the clock runs 10% fast, and every kernel
 * timeout expires 10% early.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	struct timespec ts;
	int64_t ns;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		return posix_rumpuser_clock_gettime(enum_rumpclock, sec, nsec);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ns = ((int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec) / 10 * 11;
	*sec = ns / 1000000000LL;
	*nsec = (long)(ns % 1000000000LL);
	return 0;
}
