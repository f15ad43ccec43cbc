/*
 * clock_relwall_sleep_whole_seconds -- relative sleeps are rounded up to
 * the next whole second (a seconds-resolution host timer): a 10 ms kpause
 * takes a second and the kernel's timing becomes sluggish.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	if (enum_rumpclock == RUMPUSER_CLOCK_RELWALL && nsec > 0 &&
	    nsec < 1000000000L) {
		sec++;
		nsec = 0;
	}
	return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
}
