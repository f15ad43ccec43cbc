/*
 * bench_pin.c -- bench_pin for WebAssembly: a wasm thread is a worker the
 * engine schedules, with no CPU affinity to set, so the same-CPU and
 * cross-CPU runs skip with that reason.
 */
#include "bench_env.h"

int
bench_pin(struct cb_state *st, enum bench_cpus where)
{
	if (where == BENCH_ANY_CPU)
		return 0;
	cb_skip(st, "no CPU affinity under WebAssembly: workers run where "
	    "the engine puts them");
	return -1;
}

void
bench_unpin(void)
{
}
