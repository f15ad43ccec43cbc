/*
 * clock_nsec_unnormalised -- gettime hands back (sec - 1, nsec + 1e9): the
 * same instant, but not a normalised timespec. The kernel's timespec
 * arithmetic assumes nsec < 1e9 and produces garbage times.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	int rv = posix_rumpuser_clock_gettime(enum_rumpclock, sec, nsec);

	if (rv == 0 && *sec > 0) {
		(*sec)--;
		*nsec += 1000000000L;
	}
	return rv;
}
