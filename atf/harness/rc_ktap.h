/*
 * rc_ktap.h -- run every case of the suite in one program and report in
 * KTAP, for environments without ATF (the Linux kernel, WebAssembly, bare
 * metal, or a host checking the KTAP path itself).
 *
 * Result lines:
 *	ok N name
 *	ok N name # SKIP reason
 *	not ok N name # reason
 * The host side (rc_atf.c) turns them into per-case kyua results.
 * Before each case, and while it runs (rc_ktap_beat), diagnostics say what
 * runs, so that a host that stops hearing from a machine that stalled as a
 * whole (no watchdog left to report) still names the case, its IDs and the
 * hypercall it was in:
 *	# case-begin N name: ID ID ...
 *	# case-beat N name S s: rumpuser_NAME entered T s ago
 */
#ifndef RC_KTAP_H
#define RC_KTAP_H

#include "rc_test.h"

/*
 * Run fn(arg) apart from the runner, so that a case that stops itself
 * (rch_abort_case) or hangs does not stop the run. Returns 0 when fn
 * finished or stopped itself, -1 when it was still running after
 * timeout_ms (the environment abandons it).
 */
int rch_run_apart(void (*fn)(void *), void *arg, unsigned timeout_ms);

/*
 * For rch_run_apart while it waits, every few seconds: print a case-beat
 * line for the case running (the hypercall it is in, if any).
 */
void rc_ktap_beat(unsigned waited_ms);

/* Print one line of KTAP output (no newline in line). */
void rch_ktap_line(const char *line);

/*
 * Run the cases whose names match filter (NULL or "" = all; otherwise a
 * space-separated list of names) and print KTAP. Returns the number of
 * failed cases.
 */
int rc_ktap_run(const struct rc_area *const *areas, const char *filter);

#endif /* RC_KTAP_H */
