/*
 * rc_run.h -- running one case: the environment-independent part.
 */
#ifndef RC_RUN_H
#define RC_RUN_H

#include "rc_test.h"

#define RC_RES_PASS	0
#define RC_RES_FAIL	1
#define RC_RES_SKIP	2

struct rc_result {
	int status;
	char reason[1024];	/* first failures, or the skip reason */
};

#define RC_MAXIDS	24	/* IDs one case cites or fails */
#define RC_IDLEN	16
#define RC_MAXFLIGHT	64	/* hypercalls in flight at once */

/* A hypercall some thread entered and has not returned from. */
struct rc_flight {
	int busy;
	const char *name;	/* "cv_timedwait" (a literal: valid in a forked parent) */
	uint64_t entry_ns;	/* host monotonic clock */
	uint64_t deadline_ns;	/* timed calls: when they should return; else 0 */
	uintptr_t stack;	/* an address on the calling thread's stack */
};

/*
 * Everything a case records while it runs. On a host it lives in memory
 * shared with the process that watches the case, so that it survives a
 * crash or a hang of the case's process (rc_use_record).
 */
struct rc_record {
	int lock;
	int nfail;
	int skipflag;
	int finished;		/* rc_run_case got to the end */
	char reason[1024];
	size_t reasonlen;
	int nids, ncited;	/* the first ncited are the case's own */
	char ids[RC_MAXIDS][RC_IDLEN];
	const char *idkey[RC_MAXIDS];	/* the literal last seen for each */
	int checked[RC_MAXIDS];
	int failed[RC_MAXIDS];
	char unimpl[48];	/* the hypercall the target lacked */
	int crash_slot;		/* flight entry of the thread that crashed, -1 */
	struct rc_flight flight[RC_MAXFLIGHT];
};

/* Put the record in caller-provided (e.g. shared) memory; NULL: the default. */
void rc_use_record(struct rc_record *);
struct rc_record *rc_record(void);
/* Go on with a private copy (a forked child of the case must not write the shared one). */
void rc_private_record(void);

/* Boot the mock kernel as the case wants, run the body, judge. */
void rc_run_case(const struct rc_case *, struct rc_result *);

/* Look a case up by name in NULL-terminated area lists. */
const struct rc_case *rc_find_case(const struct rc_area *const *, const char *);

/* Forget the previous case (environments that run many in one process). */
void rc_reset(void);

/* What has been recorded so far (for a case that must stop at once). */
const char *rc_reason_now(void);

/* Hypercall bookkeeping for the shim: a slot, or -1 when the table is full. */
int rc_flight_enter(const char *name, uint64_t deadline_ns, const void *stack);
void rc_flight_exit(int slot);

/*
 * The case stopped before it finished: it died (how says how, e.g.
 * "CRASH: signal 11 (SIGSEGV)") or hung (how NULL). Fails the most telling
 * hypercall in flight under one of the case's IDs still unchecked: the
 * first whose catalog entry names that call according to names_call
 * (NULL: any), else the first unchecked.
 */
void rc_diagnose_stop(const char *how,
    int (*names_call)(const char *id, const char *hypercall));

/*
 * The hypercall a hang of the case would be blamed on now (the oldest in
 * flight): "rumpuser_NAME entered S s ago" in buf; 0 when none is in flight.
 */
int rc_flight_now(char *buf, size_t len);

/* Cite the IDs of a case that will not run (rc_run_case does it for the others). */
void rc_cite(const char *ids);
/* Fail id with text as it stands (no file and line: a verdict of the harness). */
void rc_stop(const char *id, const char *text);
/* How many hypercalls the interface has (hypercalls.def). */
int rc_ncalls(void);

/* "rumpuser_a rumpuser_b" the target lacks (up to len bytes); their number. */
int rc_missing_calls(char *buf, size_t len);

/*
 * Per-ID verdicts of the case, after it ended:
 *	rumpcheck-ids: MTX-001=pass PRM-009=notreached ...
 * (pass fail notreached notimpl notapplicable skipped unchecked).
 * Returns the number of IDs a passing body never evaluated (a suite defect).
 */
int rc_id_line(char *buf, size_t len);

#endif /* RC_RUN_H */
