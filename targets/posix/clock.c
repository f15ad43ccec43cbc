/*
 * clock.c -- relative and absolute sleeps on the host clocks; reading
 * them (clock_gettime) is in hostcalls.c.
 */
#include "rumpuser_int.h"

#include <errno.h>
#include <stdint.h>
#include <time.h>

/* time_t may be 32 bits (i386); saturate instead of wrapping. */
static time_t
clamp_time(int64_t sec)
{
	const int64_t tmax = sizeof(time_t) == 4 ? INT32_MAX : INT64_MAX;

	return sec > tmax ? (time_t)tmax : (time_t)sec;
}

/* Sleep at least the relative duration, resuming after signals. */
static int
sleep_relative(struct timespec ts)
{
	struct timespec rem;

	while (nanosleep(&ts, &rem) != 0) {
		if (errno != EINTR)
			return errno;
		ts = rem;
	}
	return 0;
}

/* Sleep until CLOCK_MONOTONIC reaches ts. */
static int
sleep_absolute(const struct timespec *ts)
{
	int rv;
#ifdef __EMSCRIPTEN__
	/* emscripten's clock_nanosleep takes an absolute time as relative. */
	struct timespec now, d;

	while (clock_gettime(CLOCK_MONOTONIC, &now) == 0 &&
	    (now.tv_sec < ts->tv_sec ||
	    (now.tv_sec == ts->tv_sec && now.tv_nsec < ts->tv_nsec))) {
		d.tv_sec = ts->tv_sec - now.tv_sec;
		if ((d.tv_nsec = ts->tv_nsec - now.tv_nsec) < 0) {
			d.tv_sec--;
			d.tv_nsec += NSEC_PER_SEC;
		}
		if ((rv = sleep_relative(d)) != 0)
			return rv;
	}
	return 0;
#endif

	while ((rv = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, ts,
	    NULL)) == EINTR)
		continue;
	return rv;
}

int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec ts;
	int nlocks, rv;

	if ((rv = rumpuser__clock_sleep_check(enum_rumpclock, sec, nsec)) != 0)
		return rv;
	/* A negative absolute time has passed. */
	if (sec < 0)
		return 0;
	ts.tv_sec = clamp_time(sec);
	ts.tv_nsec = nsec;

	rumpuser__unschedule(&nlocks, NULL);
	rumpuser__bio_flush(NULL, 0);	/* the reaper delivers */
	if (enum_rumpclock == RUMPUSER_CLOCK_RELWALL)
		rv = sleep_relative(ts);
	else
		rv = sleep_absolute(&ts);
	rumpuser__schedule(nlocks, NULL);
	return ET(rv);
}
