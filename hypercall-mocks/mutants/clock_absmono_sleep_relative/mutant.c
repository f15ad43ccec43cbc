/*
 * clock_absmono_sleep_relative -- an absolute sleep until ABSMONO time T
 * sleeps for T (the whole uptime and then some): the kernel's clock
 * interrupt thread, which sleeps until its next tick, stalls.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	if (enum_rumpclock == RUMPUSER_CLOCK_ABSMONO && sec >= 0)
		enum_rumpclock = RUMPUSER_CLOCK_RELWALL;
	return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
}
