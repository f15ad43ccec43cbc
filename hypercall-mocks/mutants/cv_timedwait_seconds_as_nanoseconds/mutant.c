/*
 * cv_timedwait_seconds_as_nanoseconds -- a timeout of a second or more is
 * converted with the wrong unit (the seconds scaled as if they were
 * nanoseconds, giving billions of seconds), so the wait never expires; and
 * the sleep is not on the cv, so a signal does not end it either. Sub-second
 * timeouts work. The watchdog must name the call: a HANG in
 * rumpuser_cv_timedwait past its deadline, under CV-004.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct timespec ts = { .tv_sec = (time_t)(sec * 1000000000), .tv_nsec = 0 };
	int nlocks;

	if (sec < 1)
		return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	mutant_unschedule(&nlocks, mtx);
	posix_rumpuser_mutex_exit(mtx);
	nanosleep(&ts, NULL);
	mutant_schedule(nlocks, mtx);
	posix_rumpuser_mutex_enter_nowrap(mtx);
	return 60;
}
