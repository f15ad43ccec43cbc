/*
 * clock.c -- sleeps are fiber deadlines; reading the clocks
 * (clock_gettime) comes from ../posix/hostcalls.c.
 */
#include "fiber_int.h"

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
	int nlocks, rv;

	if ((rv = rumpuser__clock_sleep_check(enum_rumpclock, sec, nsec)) != 0)
		return rv;
	if (enum_rumpclock == RUMPUSER_CLOCK_RELWALL)
		deadline = deadline_after(sec, nsec);
	else
		deadline = deadline_at(sec, nsec);
	rumpuser__unschedule(&nlocks, NULL);
	fiber_block(NULL, deadline);
	rumpuser__schedule(nlocks, NULL);
	return 0;
}
