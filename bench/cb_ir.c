/*
 * cb_ir.c -- instruction counts: run the selected benchmarks for fixed
 * iteration counts with callgrind collecting only around the bodies
 * (client requests; valgrind --tool=callgrind --instr-atstart=no). Each
 * run is dumped as "<run name>@<iterations>"; bench/run reads the dumps
 * and reports (Ir(2N) - Ir(N)) / N per operation, which cancels the fixed
 * cost of starting and stopping.
 */
#include <stdio.h>

#include <valgrind/callgrind.h>

#include "cb_impl.h"
#include "cb_ir.h"

static void
cb_ir_before(void *label)
{
	(void)label;
	CALLGRIND_ZERO_STATS;
	CALLGRIND_START_INSTRUMENTATION;
}

static void
cb_ir_after(void *label)
{
	CALLGRIND_STOP_INSTRUMENTATION;
	CALLGRIND_DUMP_STATS_AT((const char *)label);
}

static void
cb_ir_instance(const struct cb_bench *b, int inst, int nthreads,
    uint64_t iters)
{
	char name[192], label[224];
	struct cb_run_result res;
	struct cb_run_hooks hooks = { cb_ir_before, cb_ir_after, label };
	uint64_t n;

	cb_run_name(name, sizeof(name), b, inst, nthreads);
	for (n = iters; n <= 2 * iters; n += iters) {
		snprintf(label, sizeof(label), "%s@%llu", name,
		    (unsigned long long)n);
		cb_run_fixed(b, inst, nthreads, n, &hooks, &res);
		if (res.skipped) {
			printf("%s: skipped: %s\n", name, res.reason);
			return;
		}
	}
	printf("%s: counted %llu and %llu iterations\n", name,
	    (unsigned long long)iters, (unsigned long long)(2 * iters));
}

int
cb_ir_main(const char *filter, uint64_t iters)
{
	char name[192];
	const struct cb_bench *b;
	int i, inst, t, nthreads, found = 0;

	if (!RUNNING_ON_VALGRIND)
		fprintf(stderr, "cb_ir: not under callgrind; nothing is counted "
		    "(use bench/run --ir)\n");
	for (i = 0; i < cb_nbench(); i++) {
		b = cb_bench_at(i);
		for (inst = 0; inst < (b->ninst > 0 ? b->ninst : 1); inst++)
			for (t = 0; t < cb_thread_variants(b); t++) {
				nthreads = cb_thread_variant(b, t);
				cb_run_name(name, sizeof(name), b, inst, nthreads);
				if (!cb_filter_match(filter, name))
					continue;
				cb_ir_instance(b, inst, nthreads, iters);
				found++;
			}
	}
	if (found == 0)
		fprintf(stderr, "cb_ir: no benchmark matches '%s'\n", filter);
	return found > 0 ? 0 : 1;
}
