/*
 * cbench.h -- a C benchmark API with two backends:
 *	cbench.cc	Google Benchmark (hosts with C++)
 *	cb_cjson.c	pure C, writes Google Benchmark's JSON schema (kernel,
 *			wasm, bare metal: anywhere C++ cannot run)
 * A benchmark source compiles unchanged against either.
 *
 * A benchmark is a function that runs `iters' iterations itself, so the
 * harness adds nothing per iteration:
 *
 *	static void
 *	bm_add(struct cb_state *st, uint64_t iters, void *arg)
 *	{
 *		for (; iters > 0; iters--)
 *			...
 *	}
 *	cb_register("add", bm_add, NULL);
 *
 * With threads each thread calls the function with the same count; times
 * are per operation over all threads (wall time / total iterations).
 * All benchmarks measure wall-clock (real) time.
 */
#ifndef CBENCH_H
#define CBENCH_H

#if defined(__KERNEL__)
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct cb_bench;
struct cb_state;

/* The timed body: run `iters' iterations. */
typedef void cb_fn(struct cb_state *st, uint64_t iters, void *arg);
/*
 * Untimed, in every benchmark thread before and after the body; teardown
 * runs even when setup skipped (it undoes whatever setup did).
 */
typedef void *cb_setup_fn(struct cb_state *st, void *arg);
typedef void cb_teardown_fn(struct cb_state *st, void *arg);

/* Registration: each call returns its argument, for chaining. */
struct cb_bench *cb_register(const char *name, cb_fn *fn, void *arg);
struct cb_bench *cb_fixture(struct cb_bench *, cb_setup_fn *, cb_teardown_fn *);
/* An instance with these arguments (read back with cb_arg_at). */
struct cb_bench *cb_arg(struct cb_bench *, int64_t a);
struct cb_bench *cb_args(struct cb_bench *, int n, const int64_t *v);
/* Instances lo, the powers of mult between, and hi (Google's Range). */
struct cb_bench *cb_range(struct cb_bench *, int64_t lo, int64_t hi, int mult);
/* Also run with n threads (Google's Threads). */
struct cb_bench *cb_threads(struct cb_bench *, int n);
/*
 * Compare with the benchmark registered as `name' (same arguments and
 * threads), run earlier in the same process: the counter "ratio" is this
 * benchmark's metric over the baseline's, and cb_main ends with a table of
 * all ratios. The metric is the time per operation, or the counter
 * `counter' when that is not NULL.
 */
struct cb_bench *cb_baseline(struct cb_bench *, const char *name,
    const char *counter);

/* Inside a benchmark. */
int64_t cb_arg_at(const struct cb_state *, int i);
int cb_thread_index(const struct cb_state *);
int cb_thread_count(const struct cb_state *);
/* What this thread's setup returned. */
void *cb_data(const struct cb_state *);
void cb_pause(struct cb_state *);
void cb_resume(struct cb_state *);
/* Skip this run, with a reason (copied). Return from the body after. */
void cb_skip(struct cb_state *, const char *reason);
int cb_skipped(const struct cb_state *);

/*
 * Counters, integers summed over threads, then adjusted as flags say
 * (the report carries them to six decimals).
 */
#define CB_RATE		0x1	/* per second */
#define CB_AVG_THREADS	0x2	/* divided by the thread count */
#define CB_PER_ITER	0x4	/* divided by the iteration count */
void cb_counter(struct cb_state *, const char *name, int64_t v, unsigned flags);
void cb_items(struct cb_state *, uint64_t items);
void cb_bytes(struct cb_state *, uint64_t bytes);

/* Keep a value (or memory) alive without costing an instruction. */
#define cb_keep(v)	__asm__ __volatile__("" : : "r,m"(v) : "memory")
#define cb_clobber()	__asm__ __volatile__("" : : : "memory")

/* Run what the command line selects; the backend's flags apply. */
int cb_main(int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif /* CBENCH_H */
