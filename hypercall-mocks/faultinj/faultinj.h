/*
 * faultinj.h -- libfaultinj: host I/O failures beneath a dlopen'd target.
 *
 * The library defines read, write, pread, pwrite, readv, writev, preadv,
 * pwritev (and their 64-bit names), fsync, fdatasync and pthread_create. A test program
 * linked against it (ahead of libc) puts it in the global symbol scope
 * before libc, so a target loaded later with dlopen binds its I/O calls
 * here. Unarmed, every call goes straight to libc. No LD_PRELOAD.
 *
 * The harness reaches these functions with dlsym (host_posix.c), so that
 * programs not linked with the library still link and simply skip.
 */
#ifndef FAULTINJ_H
#define FAULTINJ_H

#include <stddef.h>

#define FAULTINJ_READ	0x01	/* read, pread, readv, preadv */
#define FAULTINJ_WRITE	0x02	/* write, pwrite, writev, pwritev */
#define FAULTINJ_SYNC	0x04	/* fsync, fdatasync */

/*
 * Make the next count calls (count < 0: all) of the kinds in ops on
 * descriptors whose path contains path_substring fail: with host_errno,
 * or, when short_bytes > 0, transfer at most short_bytes and succeed.
 * A NULL path_substring disarms. Returns 0, or -1 for bad arguments.
 */
typedef int faultinj_arm_fn(const char *path_substring, int ops,
    int host_errno, size_t short_bytes, int count);
/*
 * Make the next count calls (count < 0: all) of the kinds in ops on
 * descriptors whose path contains path_substring sleep delay_ms before
 * they go ahead normally (a slow medium). Arming either kind of fault
 * replaces the other; faultinj_arm(NULL, ...) disarms both.
 */
typedef int faultinj_arm_delay_fn(const char *path_substring, int ops,
    unsigned delay_ms, int count);
/* Faults injected since the last arm. */
typedef int faultinj_fired_fn(void);
/*
 * Whether a fault or delay is armed. A target whose I/O bypasses libc
 * (io_uring) asks it, so as to send its I/O through libc while armed.
 */
typedef int faultinj_armed_fn(void);
/* Most positional transfers (pread..pwritev) seen running at once. */
typedef int faultinj_max_inflight_fn(int reset);

/*
 * Make the next count calls of pthread_create (count < 0: all; 0 disarms)
 * fail with host_errno, made by anyone (arm it just around the call under
 * test). Returns 0, or -1 for bad arguments.
 */
typedef int faultinj_fail_threads_fn(int host_errno, int count);
/* pthread_create calls failed since the last faultinj_fail_threads. */
typedef int faultinj_threads_failed_fn(void);

faultinj_arm_fn faultinj_arm;
faultinj_fail_threads_fn faultinj_fail_threads;
faultinj_threads_failed_fn faultinj_threads_failed;
faultinj_arm_delay_fn faultinj_arm_delay;
faultinj_fired_fn faultinj_fired;
faultinj_armed_fn faultinj_armed;
faultinj_max_inflight_fn faultinj_max_inflight;

#endif /* FAULTINJ_H */
