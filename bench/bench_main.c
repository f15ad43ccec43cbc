/*
 * bench_main.c -- rcbench: the rumpuser benchmarks against one target.
 *
 *	rcbench [--target=NAME|PATH] [backend flags...]
 *	rcbench [--target=NAME|PATH] --ir=FILTER [--ir-iters=N]
 *	rcbench [--target=NAME|PATH] --scaling [backend flags...]
 *
 * The target is chosen as in the conformance suite (default posix). The
 * first form runs the backend (Google Benchmark or cjson) with its flags;
 * the second counts instructions under callgrind (see bench/run --ir).
 * --scaling adds the scaling curves (b_scale.c, bench/scaling) at 1, 2,
 * 4, ... threads up to the CPUs this process may run on.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_env.h"
#include "cb_ir.h"

struct bench_opts {
	const char *target;
	const char *ir_filter;
	uint64_t ir_iters;
	int scaling;
};

/* Take our own flags out of argv; the backend gets the rest. */
static void
bench_take_flags(int *argc, char **argv, struct bench_opts *o)
{
	int i, j = 1;

	o->target = "posix";
	o->ir_filter = NULL;
	o->ir_iters = 1000;
	o->scaling = 0;
	for (i = 1; i < *argc; i++) {
		if (strncmp(argv[i], "--target=", 9) == 0)
			o->target = argv[i] + 9;
		else if (strncmp(argv[i], "--ir=", 5) == 0)
			o->ir_filter = argv[i] + 5;
		else if (strcmp(argv[i], "--scaling") == 0)
			o->scaling = 1;
		else if (strncmp(argv[i], "--ir-iters=", 11) == 0)
			o->ir_iters = strtoull(argv[i] + 11, NULL, 10);
		else
			argv[j++] = argv[i];
	}
	*argc = j;
	argv[j] = NULL;
}

/* The CPUs this process may run on (1 if it cannot tell). */
static int
bench_allowed_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	return CPU_COUNT(&set) > 0 ? CPU_COUNT(&set) : 1;
}

/* Every family, in the order they run (families.def: host I/O last). */
static void
bench_register_all(void)
{
	bench_register_portable();
#define BENCH_PORTABLE(name)
#define BENCH_HOSTIO(name, lacks)	bench_register_##name();
#include "families.def"
#undef BENCH_PORTABLE
#undef BENCH_HOSTIO
}

int
main(int argc, char **argv)
{
	struct bench_opts o;
	char err[512];
	int rv;

	bench_take_flags(&argc, argv, &o);
	if (bench_boot(o.target, err, sizeof(err)) == -1) {
		fprintf(stderr, "rcbench: %s\n", err);
		return 2;
	}
	fprintf(stderr, "rcbench: target %s (limit = the host primitive, "
	    "ratio = target / limit)\n", o.target);
	bench_register_all();
	if (o.scaling)
		bench_register_scale(bench_allowed_cpus());
	if (o.ir_filter != NULL)
		rv = cb_ir_main(o.ir_filter, o.ir_iters);
	else
		rv = cb_main(argc, argv);
	bench_report_violations();
	return rv;
}
