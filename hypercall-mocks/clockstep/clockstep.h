/*
 * clockstep.h -- libclockstep: a stepped wall clock beneath a dlopen'd target.
 *
 * The library defines clock_gettime, gettimeofday, time, timespec_get and
 * ftime. A test program linked against it (ahead of libc) puts them in the
 * global symbol scope before libc, so a target loaded later with dlopen
 * reads its wall clock here: every realtime reading (CLOCK_REALTIME, its
 * COARSE and ALARM forms, CLOCK_TAI) comes back offset by the step. The
 * host kernel's own realtime is never changed: an absolute realtime
 * deadline the target computes from a reading and hands to the host
 * (pthread_cond_timedwait, clock_nanosleep with TIMER_ABSTIME) is off by
 * the step, which is how a wait measured on the wall clock shows itself.
 * Monotonic clocks are untouched. No LD_PRELOAD; the machine's clock is
 * never set.
 *
 * The harness reaches clockstep_set with dlsym (host_posix.c), so that
 * programs not linked with the library still link and simply skip.
 */
#ifndef CLOCKSTEP_H
#define CLOCKSTEP_H

#include <stdint.h>

/* From now on realtime readings are offset_ns off the host's (0: none). */
typedef int clockstep_set_fn(int64_t offset_ns);

clockstep_set_fn clockstep_set;

#endif /* CLOCKSTEP_H */
