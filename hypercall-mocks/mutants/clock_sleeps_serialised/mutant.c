/*
 * clock_sleeps_serialised -- relative sleeps go through one global timer
 * lock that is held while sleeping (off the virtual CPU, as it should
 * be): one sleeping kernel thread delays every other one.
 */
#include <time.h>

#include "mutant.h"

static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec ts = { (time_t)sec, nsec };
	int nlocks;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || sec < 0 ||
	    nsec < 0 || nsec >= 1000000000L)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	pthread_mutex_lock(&timer_lock);
	while (nanosleep(&ts, &ts) != 0)
		continue;
	pthread_mutex_unlock(&timer_lock);
	mutant_schedule(nlocks, NULL);
	return 0;
}
