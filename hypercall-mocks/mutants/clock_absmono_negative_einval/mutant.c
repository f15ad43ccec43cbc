/*
 * clock_absmono_negative_einval -- an ABSMONO sleep hands the absolute
 * time straight to clock_nanosleep(TIMER_ABSTIME) without first checking
 * whether it has passed: the host refuses a negative time with EINVAL,
 * and that error is returned for a deadline that was simply in the past.
 */
#include "mutant.h"

#include <time.h>

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec ts = { .tv_sec = (time_t)sec, .tv_nsec = nsec };
	int nlocks, rv;

	if (enum_rumpclock != RUMPUSER_CLOCK_ABSMONO || sec >= 0)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	rv = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	mutant_schedule(nlocks, NULL);
	return rv;	/* EINVAL is 22 on Linux and NetBSD */
}
