/*
 * upcall_sleep_no_reschedule -- the RELWALL sleep gives the virtual CPU
 * away and returns without backend_schedule: the kernel then runs on
 * without a CPU, next to whichever thread took it.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec ts = { (time_t)sec, nsec };
	int nlocks;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || sec < 0 ||
	    nsec < 0 || nsec >= 1000000000L)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	while (nanosleep(&ts, &ts) != 0)
		continue;
	return 0;		/* no mutant_schedule */
}
