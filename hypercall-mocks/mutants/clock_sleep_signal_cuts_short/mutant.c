/*
 * clock_sleep_signal_cuts_short -- a RELWALL sleep is one host nanosleep
 * whose result is ignored: a host signal ends the sleep early and the
 * kernel is told it slept the whole time.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec ts = { .tv_sec = (time_t)sec, .tv_nsec = nsec };
	int nlocks;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || sec < 0 || sec > 1000000)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	nanosleep(&ts, NULL);
	mutant_schedule(nlocks, NULL);
	return 0;
}
