/*
 * bench_env.c -- target, mock kernel, threads and pairs for the
 * benchmarks (bench_env.h), on the harness's portable services: the same
 * on hosts, under WebAssembly and in the kernel. Pinning is the
 * platform's (bench_pin_posix.c, the kernel's bench_kmod.c).
 */
#include "bench_env.h"
#include "cb_impl.h"

static int bench_ncpu;		/* the target's virtual CPUs, 0 if unknown */

/* _RUMPUSER_NCPU as the target reports it; 0 when it does not. */
static int
bench_target_ncpu(void)
{
	char buf[16];
	int i, n = 0;

	if (rc_tgt.getparam == NULL ||
	    rc_tgt.getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf)) != 0)
		return 0;
	for (i = 0; buf[i] >= '0' && buf[i] <= '9'; i++)
		n = n * 10 + (buf[i] - '0');
	return n;
}

int
bench_boot(const char *spec, char *err, size_t errlen)
{
	int rv;

	if (rc_target_load(spec, err, errlen) == -1)
		return -1;
	if (rc_tgt.init == NULL) {
		rc_snprintf(err, errlen, "target '%s' has no rumpuser_init", spec);
		return -1;
	}
	if ((rv = mk_boot(RUMPUSER_VERSION)) != 0) {
		rc_snprintf(err, errlen, "rumpuser_init(%d) failed: %d",
		    RUMPUSER_VERSION, rv);
		return -1;
	}
	bench_ncpu = bench_target_ncpu();
	return 0;
}

/* Two strings as one line to the platform's error output. */
static void
bench_note(const char *what, const char *detail)
{
	char line[512];
	int len = rc_snprintf(line, sizeof(line), "%s: %s\n", what, detail);

	cb_plat_write(1, line, len < (int)sizeof(line) ? (size_t)len :
	    sizeof(line) - 1);
}

void
bench_report_violations(void)
{
	const char *id, *text;
	char what[128];
	int i, n = mk_nviolations();

	for (i = 0; i < n; i++) {
		text = mk_violation_at(i, &id);
		rc_snprintf(what, sizeof(what), "bench: the target broke the "
		    "contract: %s", id);
		bench_note(what, text);
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
		rc_snprintf(why, sizeof(why), "the target has %d virtual CPU(s) "
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
	rc_snprintf(why, sizeof(why), "not implemented: %s", hypercall);
	cb_skip(st, why);
	return -1;
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
	size_t len = rc_strlen(side) + rc_strlen(name) + 2;
	char *s = rch_alloc(len);

	if (s == NULL)
		rch_abort_case("bench: out of memory for a benchmark name");
	rc_snprintf(s, len, "%s/%s", side, name);
	return s;
}

/* 1, 2, 4, ... below max, then max: a curve's thread counts. */
static void
bench_thread_curve(struct cb_bench *b, int max)
{
	int n;

	for (n = 1; n < max; n *= 2)
		cb_threads(b, n);
	cb_threads(b, max);
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
	if (p->max_threads > 0)
		bench_thread_curve(b, p->max_threads);
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
	return rch_mono_ns();
}

static void
bm_unavailable(struct cb_state *st, uint64_t n, void *reason)
{
	(void)n;
	cb_skip(st, reason);
}

void
bench_register_unavailable(const char *name, const char *reason)
{
	cb_register(name, bm_unavailable, (void *)(uintptr_t)reason);
}

/* The host I/O families, numbered in families.def's order. */
enum {
#define BENCH_PORTABLE(name)
#define BENCH_HOSTIO(name, lacks)	BENCH_HOSTIO_##name,
#include "families.def"
#undef BENCH_PORTABLE
#undef BENCH_HOSTIO
	BENCH_NHOSTIO
};

/* Host I/O family i is left out here: it skips, saying what it lacks where. */
static void
bench_leave_out(int i, const char *name, const char *lacks, const char *where)
{
	static char why[BENCH_NHOSTIO][160];
	char what[64];

	rc_snprintf(why[i], sizeof(why[i]), "%s %s", lacks, where);
	rc_snprintf(what, sizeof(what), "rcbench: skipped: %s", name);
	bench_register_unavailable(name, why[i]);
	bench_note(what, why[i]);
}

int
bench_run_without_io(const char *target, const char *where, int argc,
    char **argv)
{
	char err[256];
	int rv;

	if (bench_boot(target, err, sizeof(err)) == -1) {
		bench_note("rcbench", err);
		return 2;
	}
	bench_register_portable();
#define BENCH_PORTABLE(name)
#define BENCH_HOSTIO(name, lacks) \
	bench_leave_out(BENCH_HOSTIO_##name, #name, lacks, where);
#include "families.def"
#undef BENCH_PORTABLE
#undef BENCH_HOSTIO
	rv = cb_main(argc, argv);
	bench_report_violations();
	return rv;
}

void
bench_register_portable(void)
{
#define BENCH_PORTABLE(name)	bench_register_##name();
#define BENCH_HOSTIO(name, lacks)
#include "families.def"
#undef BENCH_PORTABLE
#undef BENCH_HOSTIO
}
