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
/* ticks at hz to nanoseconds without overflowing for any 64-bit count. */
uint64_t ticks_to_ns(uint64_t ticks, uint64_t hz);
/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

#endif /* BAREMETAL_MACHINE_COMMON_H */
