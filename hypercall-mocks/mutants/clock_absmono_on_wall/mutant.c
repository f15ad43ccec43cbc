/*
 * clock_absmono_on_wall -- a port for a host without a usable monotonic
 * clock builds ABSMONO on the wall clock: gettime(ABSMONO) reads
 * CLOCK_REALTIME and sleep(ABSMONO) is clock_nanosleep(CLOCK_REALTIME,
 * TIMER_ABSTIME). Consistent with itself, but every step of the host's
 * clock moves ABSMONO and the kernel's clock thread with it.
 */
#include "mutant.h"

#include <errno.h>
#include <time.h>

#define NSEC_PER_SEC	1000000000L

MUTANT_EXPORT int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	struct timespec ts;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		return posix_rumpuser_clock_gettime(enum_rumpclock, sec, nsec);
	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
	return 0;
}

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec end = { (time_t)sec, nsec };
	int nlocks, rv;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO || sec < 0 || nsec < 0 ||
	    nsec >= NSEC_PER_SEC)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	while ((rv = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &end,
	    NULL)) == EINTR)
		continue;
	mutant_schedule(nlocks, NULL);
	return rv;
}
