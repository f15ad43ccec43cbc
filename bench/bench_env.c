/*
 * bench_env.c -- target, mock kernel, threads and pairs for the
 * benchmarks (bench_env.h). Host only (pthreads, sched_setaffinity).
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_env.h"

static __thread cpu_set_t bench_saved_cpus;
static __thread int bench_pinned;
static int bench_ncpu;		/* the target's virtual CPUs, 0 if unknown */

/* _RUMPUSER_NCPU as the target reports it; 0 when it does not. */
static int
bench_target_ncpu(void)
{
	char buf[16];

	if (rc_tgt.getparam == NULL ||
	    rc_tgt.getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf)) != 0)
		return 0;
	return atoi(buf);
}

int
bench_boot(const char *spec, char *err, size_t errlen)
{
	int rv;

	if (rc_target_load(spec, err, errlen) == -1)
		return -1;
	if (rc_tgt.init == NULL) {
		snprintf(err, errlen, "target '%s' has no rumpuser_init", spec);
		return -1;
	}
	if ((rv = mk_boot(RUMPUSER_VERSION)) != 0) {
		snprintf(err, errlen, "rumpuser_init(%d) failed: %d",
		    RUMPUSER_VERSION, rv);
		return -1;
	}
	bench_ncpu = bench_target_ncpu();
	return 0;
}

void
bench_report_violations(void)
{
	const char *id, *text;
	int i, n = mk_nviolations();

	for (i = 0; i < n; i++) {
		text = mk_violation_at(i, &id);
		fprintf(stderr, "bench: the target broke the contract: %s: %s\n",
		    id, text);
	}
}

int
bench_enter_thread(void)
{
	if (rc_tgt.curlwpop == NULL || rc_tgt.curlwp == NULL)
		return -1;
	mk_enter(mk_lwp_create());
	return 0;
}

int
bench_enter(struct cb_state *st)
{
	static char why[160];

	if (bench_ncpu > 0 && cb_thread_count(st) > bench_ncpu) {
		snprintf(why, sizeof(why), "the target has %d virtual CPU(s) "
		    "(a cooperative hypervisor runs the kernel on one host "
		    "thread): %d host threads cannot be in it at once",
		    bench_ncpu, cb_thread_count(st));
		cb_skip(st, why);
		return -1;
	}
	if (bench_enter_thread() == -1) {
		cb_skip(st, "not implemented: rumpuser_curlwpop/rumpuser_curlwp");
		return -1;
	}
	return 0;
}

void
bench_leave(void)
{
	struct lwp *l;

	if (rc_tgt.curlwp == NULL || (l = mk_curlwp()) == NULL)
		return;
	mk_leave();
	mk_lwp_destroy(l);
}

void
bench_leave_teardown(struct cb_state *st, void *arg)
{
	(void)st;
	(void)arg;
	bench_leave();
	bench_unpin();
}

int
bench_need(struct cb_state *st, int have, const char *hypercall)
{
	char why[128];

	if (have)
		return 0;
	snprintf(why, sizeof(why), "not implemented: %s", hypercall);
	cb_skip(st, why);
	return -1;
}

/* The n-th CPU this thread may run on, -1 if there is none. */
static int
bench_nth_cpu(const cpu_set_t *allowed, int n)
{
	int cpu;

	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, allowed) && n-- == 0)
			return cpu;
	return -1;
}

int
bench_pin(struct cb_state *st, enum bench_cpus where)
{
	cpu_set_t allowed, one;
	int cpu, nth = where == BENCH_CROSS_CPU ? cb_thread_index(st) : 0;

	if (where == BENCH_ANY_CPU)
		return 0;
	if (sched_getaffinity(0, sizeof(allowed), &allowed) == -1) {
		cb_skip(st, "sched_getaffinity failed");
		return -1;
	}
	if (where == BENCH_CROSS_CPU && CPU_COUNT(&allowed) < cb_thread_count(st)) {
		cb_skip(st, "cross-CPU needs a CPU per thread; this process "
		    "may use fewer");
		return -1;
	}
	cpu = bench_nth_cpu(&allowed, nth);
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) == -1) {
		cb_skip(st, "sched_setaffinity failed");
		return -1;
	}
	bench_saved_cpus = allowed;
	bench_pinned = 1;
	return 0;
}

void
bench_unpin(void)
{
	if (!bench_pinned)
		return;
	sched_setaffinity(0, sizeof(bench_saved_cpus), &bench_saved_cpus);
	bench_pinned = 0;
}

const char *
bench_cpus_name(enum bench_cpus where)
{
	static const char *const names[] = { "any_cpu", "same_cpu", "cross_cpu" };

	return names[where];
}

static char *
bench_side_name(const char *side, const char *name)
{
	size_t len = strlen(side) + strlen(name) + 2;
	char *s = malloc(len);

	if (s == NULL) {
		fputs("bench: out of memory\n", stderr);
		exit(1);
	}
	snprintf(s, len, "%s/%s", side, name);
	return s;
}

static void
bench_register_side(const struct bench_pair *p, const char *name, cb_fn *fn,
    void *arg, cb_setup_fn *setup, cb_teardown_fn *teardown,
    const char *baseline)
{
	struct cb_bench *b = cb_register(name, fn, arg);

	cb_fixture(b, setup, teardown);
	if (p->nargs > 0)
		cb_args(b, p->nargs, p->args);
	if (p->threads > 0)
		cb_threads(b, p->threads);
	if (baseline != NULL)
		cb_baseline(b, baseline, p->counter);
}

void
bench_pair(const struct bench_pair *p)
{
	char *limit = bench_side_name("limit", p->name);

	bench_register_side(p, limit, p->limit,
	    p->limit_arg != NULL ? p->limit_arg : p->arg, p->limit_setup,
	    p->limit_teardown, NULL);
	bench_register_side(p, bench_side_name("target", p->name), p->target,
	    p->arg, p->target_setup, p->target_teardown, limit);
}

uint64_t
bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
