/*
 * clock.c -- ABSMONO is the machine's counter (mach_mono_ns); RELWALL is
 * the wall clock read once at the first call (PL031, CMOS RTC or
 * semihosting: whole seconds) carried on by the counter, so it never
 * steps. Sleeps are thread deadlines: the CPU idles in mach_idle_until.
 */
#include "bm.h"

#define NSEC	1000000000ll

static int64_t wall_at_zero;	/* wall ns when the counter read 0 */
static int wall_state;		/* 0 unread, 1 read, -1 none */

static int
wall_base(void)
{
	int64_t sec;
	long nsec;

	if (wall_state == 0) {
		if (mach_wall(&sec, &nsec) == 0) {
			wall_at_zero = sec * NSEC + nsec - (int64_t)mach_mono_ns();
			wall_state = 1;
		} else
			wall_state = -1;
	}
	return wall_state;
}

int
rumpuser_clock_gettime(int clk, int64_t *sec, long *nsec)
{
	int64_t ns;

	switch (clk) {
	case RUMPUSER_CLOCK_ABSMONO:
		ns = (int64_t)mach_mono_ns();
		break;
	case RUMPUSER_CLOCK_RELWALL:
		if (wall_base() < 0)
			return NB_ENOTSUP;
		ns = wall_at_zero + (int64_t)mach_mono_ns();
		break;
	default:
		return NB_EINVAL;
	}
	*sec = ns / NSEC;
	*nsec = (long)(ns % NSEC);
	return 0;
}

/* ABSMONO: an absolute counter time; a negative one has passed. */
static uint64_t
deadline_at(int64_t sec, long nsec)
{
	if (sec < 0)
		return 0;
	if ((uint64_t)sec >= (BM_NEVER - 1) / NSEC - 1)
		return BM_NEVER - 1;
	return (uint64_t)sec * NSEC + (uint64_t)nsec;
}

/* Both sleeps give the virtual CPU away, even when the time is up. */
int
rumpuser_clock_sleep(int clk, int64_t sec, long nsec)
{
	uint64_t deadline;
	int nlocks;

	if (nsec < 0 || nsec >= NSEC)
		return NB_EINVAL;
	if (clk == RUMPUSER_CLOCK_RELWALL) {
		if (sec < 0)
			return NB_EINVAL;
		deadline = bm_deadline_after(sec, nsec);
	} else if (clk == RUMPUSER_CLOCK_ABSMONO)
		deadline = deadline_at(sec, nsec);
	else
		return NB_EINVAL;
	bm_unschedule(&nlocks, NULL);
	bm_block(NULL, deadline);
	bm_sleep_until(deadline);
	bm_schedule(nlocks, NULL);
	return 0;
}
