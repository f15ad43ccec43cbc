/*
 * hyp_clock.c -- clocks and sleeps.  RELWALL reads the wall clock;
 * ABSMONO is CLOCK_MONOTONIC.  Both sleeps wait for an absolute
 * CLOCK_MONOTONIC deadline on an hrtimer, without the virtual CPU.
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>

#include "hyp.h"

int
rumpuser_clock_gettime(int clk, int64_t *sec, long *nsec)
{
	struct timespec64 ts;

	switch (clk) {
	case RUMPUSER_CLOCK_RELWALL:
		ktime_get_real_ts64(&ts);
		break;
	case RUMPUSER_CLOCK_ABSMONO:
		ktime_get_ts64(&ts);
		break;
	default:
		return NB_EINVAL;
	}
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
	return 0;
}

/* (sec, nsec) as ktime, saturating; negative times are the epoch. */
static ktime_t
to_ktime(int64_t sec, long nsec)
{
	if (sec < 0 || (sec == 0 && nsec <= 0))
		return 0;
	if (sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return ktime_add_ns(ktime_set(sec, 0), nsec > 0 ? (u64)nsec : 0);
}

/* A sleep already over still lets others run: pollers rely on it. */
static void
sleep_until(ktime_t deadline)
{
	if (ktime_compare(ktime_get(), deadline) >= 0) {
		yield();
		return;
	}
	while (ktime_compare(ktime_get(), deadline) < 0) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_hrtimeout_range(&deadline, 0, HRTIMER_MODE_ABS);
	}
}

int
rumpuser_clock_sleep(int clk, int64_t sec, long nsec)
{
	ktime_t deadline;
	int nlocks;

	switch (clk) {
	case RUMPUSER_CLOCK_RELWALL:
		deadline = ktime_add_safe(ktime_get(), to_ktime(sec, nsec));
		break;
	case RUMPUSER_CLOCK_ABSMONO:
		deadline = to_ktime(sec, nsec);
		break;
	default:
		return NB_EINVAL;
	}
	hyp_unschedule(&nlocks, NULL);
	sleep_until(deadline);
	hyp_schedule(nlocks, NULL);
	return 0;
}
