/*
 * clock_relwall_sleep_wall_deadline -- a RELWALL sleep becomes a deadline
 * on the wall clock (CLOCK_REALTIME now + duration) slept with
 * clock_nanosleep(TIMER_ABSTIME): every step of the host's clock moves
 * the end of the sleeps in progress (back: they end at once; forward:
 * they last the step longer).
 */
#include "mutant.h"

#include <errno.h>
#include <time.h>

#define NSEC_PER_SEC	1000000000L

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec end;
	int nlocks, rv;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || sec < 0 || sec > INT32_MAX ||
	    nsec < 0 || nsec >= NSEC_PER_SEC)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	clock_gettime(CLOCK_REALTIME, &end);
	end.tv_sec += (time_t)sec;
	if ((end.tv_nsec += nsec) >= NSEC_PER_SEC) {
		end.tv_nsec -= NSEC_PER_SEC;
		end.tv_sec++;
	}
	mutant_unschedule(&nlocks, NULL);
	while ((rv = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &end,
	    NULL)) == EINTR)
		continue;
	mutant_schedule(nlocks, NULL);
	return rv;
}
