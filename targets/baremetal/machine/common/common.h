/* common.h -- what the machine layers share: the alarm (idle + watchdog on one timer), the wall clock base, counter to ns. */
#ifndef BAREMETAL_MACHINE_COMMON_H
#define BAREMETAL_MACHINE_COMMON_H

#include <stdint.h>

#define NS_PER_SEC	1000000000ull

/* --- given by the machine (arch or board) --------------------------------- */
/* Make the timer interrupt come at deadline (mono ns), now if it is past;
   0 stops it. Called with interrupts disabled. */
void timer_oneshot(uint64_t deadline_ns);
/* With interrupts disabled: wait for an interrupt, let it be taken, return
   with interrupts disabled again. */
void cpu_idle(void);

/* --- given by common/ ------------------------------------------------------ */
/* The machine's timer interrupt handler calls this (interrupts disabled). */
void alarm_tick(void);
/* The wall clock is the real-time clock read once at boot (whole seconds)
   plus the monotonic time since: continuous, sub-second, one device read. */
void wall_set_base(int64_t epoch_sec);
/* Counter ticks at hz (at most 2^32) to nanoseconds with no division on
   the hot path (32-bit ARM has no 64-bit divide): ns = ticks * ((1e9 <<
   32) / hz) >> 32, with 32x32 multiplies. The truncated factor errs by
   less than 1 part in 1e9 for any hz up to 4 GHz. */
struct tick_scale {
	uint32_t mul_hi, mul_lo;	/* (1e9 << 32) / hz, split */
};
void tick_scale_init(struct tick_scale *s, uint64_t hz);
uint64_t tick_scale_ns(const struct tick_scale *s, uint64_t ticks);
/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

#endif /* BAREMETAL_MACHINE_COMMON_H */
