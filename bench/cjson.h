/*
 * cjson.h -- a pure-C writer of Google Benchmark's JSON output (the schema
 * of its JSONReporter: "context" and "benchmarks"), so that tools made for
 * Google Benchmark (compare.py, dashboards) read results from places where
 * C++ cannot run. No libc: output goes through a sink.
 */
#ifndef CJSON_H
#define CJSON_H

#include "cb_impl.h"

typedef void cj_sink(void *ctx, const char *s, unsigned long n);

struct cj_writer {
	cj_sink *sink;
	void *ctx;
	int nruns;
};

struct cj_context {
	const char *date;		/* ISO 8601 */
	const char *host_name;
	const char *executable;
	int num_cpus;
	int64_t mhz_per_cpu;
	int cpu_scaling_enabled;
	const char *library_build_type;	/* "release" or "debug" */
	/* Custom context (--benchmark_context=KEY=VALUE,...), or NULL. */
	const char *custom;
};

struct cj_counter {
	const char *name;
	cb_fix value;
};

struct cj_run {
	const char *name;		/* run_name, plus "_<aggregate>" */
	const char *run_name;
	int aggregate;			/* run_type "aggregate", else "iteration" */
	int64_t family_index;
	int64_t per_family_instance_index;
	int64_t repetitions;
	int64_t repetition_index;	/* iterations only */
	int64_t threads;
	const char *aggregate_name;	/* "mean", "median", "stddev", "cv" */
	int percentage;			/* aggregate_unit "percentage" (cv) */
	const char *error_message;	/* non-NULL: error_occurred */
	uint64_t iterations;
	cb_fix real_time, cpu_time;	/* per iteration, in time_unit */
	const char *time_unit;
	const struct cj_counter *counters;
	int ncounters;
};

/* The platform describes itself (cb_plat_posix.c on hosts). */
void cj_describe(struct cj_context *);

void cj_begin(struct cj_writer *, cj_sink *, void *ctx,
    const struct cj_context *);
void cj_run(struct cj_writer *, const struct cj_run *);
void cj_end(struct cj_writer *);

#endif /* CJSON_H */
