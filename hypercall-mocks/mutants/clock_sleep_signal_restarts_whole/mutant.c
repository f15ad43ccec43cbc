/*
 * clock_sleep_signal_restarts_whole -- a RELWALL sleep interrupted by a
 * host signal starts again with the whole duration instead of the time
 * left: under a steady stream of signals (a profiling timer, a chatty
 * host) it never ends while they come.
 */
#include <errno.h>
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	const struct timespec ts = { .tv_sec = (time_t)sec, .tv_nsec = nsec };
	int nlocks;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || sec < 0 || sec > 1000000)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	while (nanosleep(&ts, NULL) == -1 && errno == EINTR)
		continue;
	mutant_schedule(nlocks, NULL);
	return 0;
}
