/*
 * clock.c -- wall and monotonic clocks, relative and absolute sleeps.
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

int
rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec)
{
	struct timespec ts;
	clockid_t clk;

	switch (enum_rumpclock) {
	case RUMPUSER_CLOCK_RELWALL:
		clk = CLOCK_REALTIME;
		break;
	case RUMPUSER_CLOCK_ABSMONO:
		clk = CLOCK_MONOTONIC;
		break;
	default:
		return NB_EINVAL;
	}
	if (clock_gettime(clk, &ts) != 0)
		return ET(errno);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
	return 0;
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

	if (nsec < 0 || nsec >= NSEC_PER_SEC)
		return NB_EINVAL;
	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL &&
	    enum_rumpclock != RUMPUSER_CLOCK_ABSMONO)
		return NB_EINVAL;
	/* A negative absolute time has passed; a negative duration is bogus. */
	if (sec < 0)
		return enum_rumpclock == RUMPUSER_CLOCK_ABSMONO ? 0 : NB_EINVAL;
	ts.tv_sec = clamp_time(sec);
	ts.tv_nsec = nsec;

	rumpuser__unschedule(&nlocks, NULL);
	if (enum_rumpclock == RUMPUSER_CLOCK_RELWALL)
		rv = sleep_relative(ts);
	else
		rv = sleep_absolute(&ts);
	rumpuser__schedule(nlocks, NULL);
	return ET(rv);
}
