/*
 * cb_impl.h -- what the cbench backends share: the registry, the
 * per-thread state, the fixed-count runner, baselines and ratios, text
 * formatting without libc, and the platform each backend runs on.
 */
#ifndef CB_IMPL_H
#define CB_IMPL_H

#if defined(__KERNEL__)
#include <linux/limits.h>
#include <linux/stddef.h>
#ifndef UINT64_MAX
#define UINT64_MAX	U64_MAX
#define INT64_MAX	S64_MAX
#endif
#else
#include <stddef.h>
#endif

#include "cbench.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CB_MAXBENCH	256
#define CB_MAXINST	16	/* argument sets per benchmark */
#define CB_MAXARGS	4
#define CB_MAXTHREADS	8	/* thread counts per benchmark (a curve) */
#define CB_MAXCOUNTERS	8
#define CB_ERRLEN	160

struct cb_bench {
	const char *name;
	cb_fn *fn;
	void *arg;
	cb_setup_fn *setup;
	cb_teardown_fn *teardown;
	int64_t args[CB_MAXINST][CB_MAXARGS];
	int nargs[CB_MAXINST];
	int ninst;
	int threads[CB_MAXTHREADS];
	int nthreads;
	const char *baseline;
	const char *baseline_counter;
};

/*
 * Figures are fixed point, never floating point (kernels build without
 * it): integers in millionths of their unit, so a time per operation in
 * ns is held in fs, a ratio or a fraction to six decimals.
 */
typedef int64_t cb_fix;
#define CB_FIX_ONE	1000000
#define CB_FIX_DIGITS	6
#define CB_NS_PER_S	1000000000u

/* a * b / c, exact to the unit; UINT64_MAX when c is 0 or it overflows. */
uint64_t cb_muldiv(uint64_t a, uint64_t b, uint64_t c);
/* The same for a signed v, saturating at INT64_MAX. */
cb_fix cb_fix_muldiv(int64_t v, uint64_t b, uint64_t c);
uint64_t cb_isqrt(uint64_t);

/*
 * A counter: as the benchmark set it (an integer, in cb_state), or as
 * reported (cb_fix, after cb_counter_final).
 */
struct cb_counter {
	const char *name;
	int64_t value;
	unsigned flags;
};

/* How a backend pauses its clock. */
struct cb_clock_ops {
	void (*pause)(struct cb_state *);
	void (*resume)(struct cb_state *);
};

struct cb_state {
	const struct cb_bench *bench;
	const int64_t *args;
	int nargs;
	int thread_index;
	int nthreads;
	void *data;
	struct cb_counter counters[CB_MAXCOUNTERS];
	int ncounters;
	uint64_t items, bytes;
	int skipped;
	char reason[CB_ERRLEN];
	const struct cb_clock_ops *clock;
	void *backend;		/* the backend's own per-thread state */
};

/* The registry. */
int cb_nbench(void);
/* Registrations beyond CB_MAXBENCH, which never run (backends warn). */
int cb_ndropped(void);
struct cb_bench *cb_bench_at(int i);
const struct cb_bench *cb_bench_named(const char *name);
void cb_state_init(struct cb_state *, const struct cb_bench *, int inst,
    int thread_index, int nthreads);
/* Threads an instance runs with: the registered counts, or just 1. */
int cb_thread_variants(const struct cb_bench *);
int cb_thread_variant(const struct cb_bench *, int i);

/*
 * Names as Google Benchmark builds them:
 * name[/args...][/real_time][/threads:N]. Returns the length.
 */
size_t cb_run_name(char *buf, size_t len, const struct cb_bench *, int inst,
    int nthreads);

/* Pattern match for filters: '|'-separated substrings, '^' anchors one. */
int cb_filter_match(const char *filter, const char *name);

/* Strings without libc (and rc_strlen, rc_strcmp: rc_test.h). */
int cb_streq(const char *, const char *);
void cb_copy(char *dst, size_t len, const char *src);

/* Text formatting into a bounded buffer (always NUL-terminated). */
struct cb_buf {
	char *p;
	size_t len, used;
};
void cb_buf_init(struct cb_buf *, char *p, size_t len);
void cb_put(struct cb_buf *, const char *s);
void cb_put_n(struct cb_buf *, const char *s, size_t n);
void cb_put_u64(struct cb_buf *, uint64_t v);
void cb_put_i64(struct cb_buf *, int64_t v);
/* 17 significant digits, exponent form (as Google Benchmark's JSON). */
void cb_put_sci(struct cb_buf *, cb_fix v);
/* `decimals' (at most 6) digits after the point, rounded. */
void cb_put_fixed(struct cb_buf *, cb_fix v, int decimals);
/* Pad with spaces to column `width' (right-aligns if `right'). */
void cb_put_padded(struct cb_buf *, const char *s, int width, int right);

/*
 * Baselines and ratios, shared by both backends. A variant is "rep:<i>"
 * for one repetition or the aggregate's name ("mean", "median").
 */
/* Remember a finished run's metric if some benchmark compares with it. */
void cb_ratio_note(const struct cb_bench *, const char *run_name,
    const char *variant, cb_fix time_ns, const struct cb_counter *, int nc);
/*
 * Set *ratio and return 1 when b has a baseline whose same variant has run;
 * also keeps the summary-table row (the median beats the mean beats one
 * repetition).
 */
int cb_ratio_of(const struct cb_bench *, const char *run_name,
    const char *variant, cb_fix time_ns, const struct cb_counter *, int nc,
    cb_fix *ratio);
void cb_ratio_skip(const struct cb_bench *, const char *run_name,
    const char *reason);
/* Print the table of ratios, labelled with the method, to stdout or stderr. */
void cb_ratio_table(const char *method, int to_err);

/*
 * Platform services (cb_plat_posix.c on hosts); the monotonic clock and
 * yield are the harness's host layer (rch_mono_ns, rch_yield: rc_host.h).
 */
uint64_t cb_plat_thread_cpu_ns(void);
void cb_plat_write(int to_err, const char *s, size_t n);
/* The --benchmark_out file: NULL where there are no files. */
void *cb_plat_out_open(const char *path);
void cb_plat_out_write(void *, const char *s, size_t n);
int cb_plat_out_close(void *);
typedef void cb_plat_thread_fn(void *);
/* Never fails: a platform that cannot start the thread stops the program. */
void *cb_plat_thread_start(cb_plat_thread_fn *, void *);
void cb_plat_thread_join(void *);

/*
 * The fixed-count runner (cjson backend and instruction counts): run an
 * instance with nthreads threads, `iters' iterations each. Hooks run in
 * thread 0 just before the first and just after the last thread's body.
 */
struct cb_run_result {
	uint64_t iterations;	/* over all threads */
	uint64_t real_ns;	/* mean over threads of the body's wall time */
	uint64_t cpu_ns;	/* sum over threads */
	struct cb_counter counters[CB_MAXCOUNTERS];
	int ncounters;
	uint64_t items, bytes;
	int skipped;
	char reason[CB_ERRLEN];
};
struct cb_run_hooks {
	void (*before)(void *);
	void (*after)(void *);
	void *ctx;
};
void cb_run_fixed(const struct cb_bench *, int inst, int nthreads,
    uint64_t iters, const struct cb_run_hooks *, struct cb_run_result *);
/* Counters adjusted as Google Benchmark does (sums over threads in). */
cb_fix cb_counter_final(const struct cb_counter *, const struct cb_run_result *,
    int nthreads);

#ifdef __cplusplus
}
#endif

#endif /* CB_IMPL_H */
