/*
 * rc_host.h -- what an environment must provide to run rumpcheck's test
 * bodies and the mock kernel. Implemented by host_posix.c for userspace
 * (and WebAssembly), and by each non-host target for itself.
 *
 * These services never go through the hypervisor under test, so they can
 * judge it: a clock to time its sleeps, memory for the harness itself,
 * output, and process isolation where the platform has it.
 */
#ifndef RC_HOST_H
#define RC_HOST_H

#if defined(__KERNEL__)
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/stdarg.h>
#else
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#endif

/* Host monotonic and wall clocks, in nanoseconds. */
uint64_t rch_mono_ns(void);
uint64_t rch_wall_ns(void);
/* Put the calling host thread to sleep (it keeps any virtual CPU). */
void rch_sleep_ns(uint64_t ns);
/* Let other host threads run. */
void rch_yield(void);

void *rch_alloc(size_t);
void rch_free(void *);

/* Output for notes and results. */
void rch_vprintf(const char *fmt, va_list ap);

/* Stop the current case at once after a fatal harness error. */
void rch_abort_case(const char *why) __attribute__((__noreturn__));

/*
 * Run fn(arg) in an isolated child with its own copy of everything.
 * Returns 0 and fills how and code: RCH_EXITED (code = exit status),
 *  RCH_SIGNALED (code = host signal), RCH_RETURNED (fn came back; code 0).
 * Returns -1 (and sets *why) where the platform cannot isolate.
 */
#define RCH_EXITED	1
#define RCH_SIGNALED	2
#define RCH_RETURNED	3
int rch_isolated(void (*fn)(void *), void *arg, unsigned timeout_ms,
    int *how, int *code, const char **why);

/* End an isolated child at once with this exit status. */
void rch_exit_child(int status) __attribute__((__noreturn__));

/* Parameters the host hands the hypervisor (environment on POSIX). */
int rch_setparam(const char *name, const char *value, const char **why);

/* Host signal numbers for the NetBSD ones the kill tests use. */
int rch_host_signal(int netbsd_sig);
/* Install a counting handler for a host signal; count with rch_signal_count. */
int rch_catch_signal(int hostsig, const char **why);
int rch_signal_count(int hostsig);

/*
 * Make further host thread creation fail with the host's EAGAIN (for the
 * errno translation tests); only inside rch_isolated children.
 */
int rch_starve_threads(const char **why);

/* Scratch directory for file tests; NULL (and *why) if none. */
const char *rch_tmpdir(const char **why);

#endif /* RC_HOST_H */
