/*
 * bench_pin_posix.c -- CPU pinning for benchmark threads on a POSIX host
 * (sched_setaffinity), bench_env.h's bench_pin and bench_unpin.
 */
#include <sched.h>

#include "bench_env.h"

static __thread cpu_set_t bench_saved_cpus;
static __thread int bench_pinned;

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

