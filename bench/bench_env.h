/*
 * bench_env.h -- what the rumpuser benchmarks stand on: the target under
 * test (loaded as the conformance suite loads it, into rc_tgt), the mock
 * rump kernel, kernel-like benchmark threads, CPU pinning, and pairs of
 * benchmarks: the target's hypercall next to the host primitive it stands
 * on (its physical limit), run one after the other in the same process.
 */
#ifndef BENCH_ENV_H
#define BENCH_ENV_H

#include "cbench.h"
#include "mockkern.h"

/* Load the target (a name under targets/ or a path) and boot the kernel. */
int bench_boot(const char *spec, char *err, size_t errlen);
/* Contract violations the mock kernel saw; printed after the run. */
void bench_report_violations(void);

/*
 * The calling thread gets an lwp and a virtual CPU, as a kernel thread
 * would; hypercalls need them. bench_enter skips the run (and returns -1)
 * if the target cannot bind lwps, or has fewer virtual CPUs than the run
 * has threads. bench_leave undoes either.
 */
int bench_enter(struct cb_state *);
int bench_enter_thread(void);
void bench_leave(void);
/* A teardown for setups that only entered the kernel (and pinned). */
void bench_leave_teardown(struct cb_state *, void *);

/* Skip the run unless the target provides the hypercall. */
#define BENCH_NEED(st, hc) bench_need((st), rc_tgt.hc != NULL, "rumpuser_" #hc)
int bench_need(struct cb_state *, int have, const char *hypercall);

/* Where the threads of a run go. */
enum bench_cpus {
	BENCH_ANY_CPU,		/* wherever the host puts them */
	BENCH_SAME_CPU,		/* all on one CPU */
	BENCH_CROSS_CPU		/* thread i on the i-th allowed CPU */
};
/* Pin the calling thread; skips the run (-1) when the CPUs are lacking. */
int bench_pin(struct cb_state *, enum bench_cpus);
void bench_unpin(void);
const char *bench_cpus_name(enum bench_cpus);

/*
 * A pair: "limit/<name>" (the host primitive) runs first, then
 * "target/<name>" (the hypercall), whose "ratio" counter is its time per
 * operation (or `counter') over the limit's.
 */
struct bench_pair {
	const char *name;
	cb_fn *target, *limit;
	cb_setup_fn *target_setup, *limit_setup;
	cb_teardown_fn *target_teardown, *limit_teardown;
	void *arg;
	void *limit_arg;		/* NULL: the same as arg */
	const char *counter;
	int threads;			/* 0: the one benchmark thread */
	int max_threads;		/* >0: 1, 2, 4, ... and it (not threads) */
	int nargs;
	const int64_t *args;
};
void bench_pair(const struct bench_pair *);

/* Host monotonic clock (never the target's). */
uint64_t bench_now_ns(void);

/*
 * Every group that needs no host service beyond threads, clocks, memory
 * and random (all but block and packet I/O), in the order they run.
 */
void bench_register_portable(void);
/*
 * The scaling curves (b_scale.c), up to ncpu threads; only on request.
 * Block and packet I/O add theirs (b_bio.c: queue depth and threads;
 * b_net.c: frames in flight).
 */
void bench_register_scale(int ncpu);
void bench_register_bio_scale(int ncpu);
void bench_register_net_scale(void);
/* A benchmark that always skips with the reason (a group left out). */
void bench_register_unavailable(const char *name, const char *reason);
/*
 * Where block and packet I/O cannot run (kernel, WebAssembly): boot the
 * target, run the portable groups with the backend's flags (the host I/O
 * families skip, saying what they lack and where: "inside the module"),
 * report contract violations. 0 on success.
 */
int bench_run_without_io(const char *target, const char *where, int argc,
    char **argv);

/* The benchmark families (b_*.c, families.def). */
#define BENCH_PORTABLE(name)	void bench_register_##name(void);
#define BENCH_HOSTIO(name, lacks)	void bench_register_##name(void);
#include "families.def"
#undef BENCH_PORTABLE
#undef BENCH_HOSTIO

#endif /* BENCH_ENV_H */
