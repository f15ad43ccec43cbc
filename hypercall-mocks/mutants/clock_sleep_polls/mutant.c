/*
 * clock_sleep_polls -- the sleep is a loop that reads the clock and
 * yields until the deadline has passed (a port for a host whose sleep
 * call it did not trust): the time is right, but every sleeping kernel
 * thread, the clock thread above all, keeps a host CPU busy.
 */
#include <sched.h>
#include <time.h>

#include "mutant.h"

static int64_t
now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int64_t end = sec * 1000000000 + nsec;
	int nlocks;

	if (enum_rumpclock == RUMPUSER_CLOCK_RELWALL)
		end += now_ns(CLOCK_MONOTONIC);
	else if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	while (now_ns(CLOCK_MONOTONIC) < end)
		sched_yield();
	mutant_schedule(nlocks, NULL);
	return 0;
}
