/*
 * clockstep.c -- see clockstep.h.
 */
#define _GNU_SOURCE
#include <sys/time.h>
#include <sys/timeb.h>

#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

#include "clockstep.h"

#define NS_PER_SEC	1000000000LL

static int64_t step_ns;

int
clockstep_set(int64_t offset_ns)
{
	__atomic_store_n(&step_ns, offset_ns, __ATOMIC_SEQ_CST);
	return 0;
}

typedef int gettime_fn(clockid_t, struct timespec *);

/* libc's clock_gettime, found once. */
static gettime_fn *
real_gettime(void)
{
	static gettime_fn *real;
	gettime_fn *r = __atomic_load_n(&real, __ATOMIC_ACQUIRE);

	if (r == NULL) {
		if ((r = (gettime_fn *)dlsym(RTLD_NEXT, "clock_gettime")) == NULL)
			abort();
		__atomic_store_n(&real, r, __ATOMIC_RELEASE);
	}
	return r;
}

/* The clocks a wall-clock step moves. */
static int
is_wall(clockid_t id)
{
	return id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE ||
	    id == CLOCK_REALTIME_ALARM || id == CLOCK_TAI;
}

static void
shift(struct timespec *ts)
{
	int64_t off = __atomic_load_n(&step_ns, __ATOMIC_SEQ_CST);
	int64_t sec = off / NS_PER_SEC, nsec = off % NS_PER_SEC;

	if (off == 0)
		return;
	ts->tv_sec += (time_t)sec;
	ts->tv_nsec += (long)nsec;
	if (ts->tv_nsec >= NS_PER_SEC) {
		ts->tv_nsec -= NS_PER_SEC;
		ts->tv_sec++;
	} else if (ts->tv_nsec < 0) {
		ts->tv_nsec += NS_PER_SEC;
		ts->tv_sec--;
	}
}

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	int rv = real_gettime()(id, ts);

	if (rv == 0 && is_wall(id))
		shift(ts);
	return rv;
}

/* The stepped wall clock, for the older interfaces below. */
static struct timespec
wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts;
}

int
gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts = wall_now();

	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	if (tz != NULL)
		*(struct timezone *)tz = (struct timezone){ 0, 0 };
	return 0;
}

time_t
time(time_t *t)
{
	time_t now = wall_now().tv_sec;

	if (t != NULL)
		*t = now;
	return now;
}

int
timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC)
		return 0;
	*ts = wall_now();
	return base;
}

int
ftime(struct timeb *tb)
{
	struct timespec ts = wall_now();

	tb->time = ts.tv_sec;
	tb->millitm = (unsigned short)(ts.tv_nsec / 1000000);
	tb->timezone = 0;
	tb->dstflag = 0;
	return 0;
}
