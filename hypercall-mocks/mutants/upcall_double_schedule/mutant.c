/*
 * upcall_double_schedule -- clock_sleep calls backend_schedule a second
 * time on its way out: the thread takes a CPU it already holds, so the
 * kernel hands out two CPUs to one lwp (or deadlocks waiting for one).
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
	mutant_schedule(nlocks, NULL);
	mutant_schedule(nlocks, NULL);
	return 0;
}
