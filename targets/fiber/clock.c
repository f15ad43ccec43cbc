/*
 * clock.c -- wall and monotonic clocks; sleeps are fiber deadlines.
 */
#include "fiber_int.h"

#include <errno.h>
#include <time.h>

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

/* ABSMONO: an absolute monotonic time; a negative one has passed. */
static uint64_t
deadline_at(int64_t sec, long nsec)
{
	if (sec < 0)
		return 0;
	if ((uint64_t)sec >= (DEADLINE_NONE - 1) / NSEC_PER_SEC - 1)
		return DEADLINE_NONE - 1;
	return (uint64_t)sec * NSEC_PER_SEC + (uint64_t)nsec;
}

/*
 * Both sleeps give the CPU away and let other fibers run, even when the
 * time is already up.  Deadlines keep nanoseconds: nothing rounds to 0.
 */
int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	uint64_t deadline;
	int nlocks;

	if (nsec < 0 || nsec >= NSEC_PER_SEC)
		return NB_EINVAL;
	switch (enum_rumpclock) {
	case RUMPUSER_CLOCK_RELWALL:
		if (sec < 0)
			return NB_EINVAL;
		deadline = deadline_after(sec, nsec);
		break;
	case RUMPUSER_CLOCK_ABSMONO:
		deadline = deadline_at(sec, nsec);
		break;
	default:
		return NB_EINVAL;
	}
	rumpuser__unschedule(&nlocks, NULL);
	fiber_block(NULL, deadline);
	rumpuser__schedule(nlocks, NULL);
	return 0;
}
