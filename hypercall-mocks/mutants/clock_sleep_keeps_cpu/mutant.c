/*
 * clock_sleep_keeps_cpu -- both clock sleeps sleep holding the virtual
 * CPU (no backend_unschedule around them): every other kernel thread on
 * that CPU, the clock thread included, stalls for the duration.
 */
#include <errno.h>
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec ts;
	int flags, rv;

	if ((enum_rumpclock != RUMPUSER_CLOCK_RELWALL &&
	    enum_rumpclock != RUMPUSER_CLOCK_ABSMONO) || sec < 0 || nsec < 0 ||
	    nsec >= 1000000000L)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	ts.tv_sec = (time_t)sec;
	ts.tv_nsec = nsec;
	flags = enum_rumpclock == RUMPUSER_CLOCK_ABSMONO ? TIMER_ABSTIME : 0;
	while ((rv = clock_nanosleep(CLOCK_MONOTONIC, flags, &ts, &ts)) == EINTR)
		continue;
	return rv == 0 ? 0 : 22;
}
