/*
 * clock_absmono_steps_back -- every 1000th ABSMONO read is 5 ms behind
 * (an unsynchronised per-CPU counter, or a wall clock being stepped):
 * kernel timeouts computed from it fire early or never.
 */
#include "mutant.h"

#define BACK_NS	5000000L

static unsigned long reads;

MUTANT_EXPORT int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	int rv = posix_rumpuser_clock_gettime(enum_rumpclock, sec, nsec);

	if (rv != 0 || enum_rumpclock != RUMPUSER_CLOCK_ABSMONO ||
	    __atomic_add_fetch(&reads, 1, __ATOMIC_RELAXED) % 1000 != 0 ||
	    *sec == 0)
		return rv;
	if ((*nsec -= BACK_NS) < 0) {
		*nsec += 1000000000L;
		(*sec)--;
	}
	return rv;
}
