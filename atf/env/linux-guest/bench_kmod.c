/*
 * bench_kmod.c -- the benchmarks inside the module (run=bench): the
 * portable groups against the built-in hypervisor, with the cjson backend
 * on cb_plat_kmod.c, and CPU pinning for kernel threads. Block and packet
 * I/O need host services the kernel lacks here; they skip with the reason.
 *
 * Module parameters: bench_flags="FLAG ..." (cjson backend flags, space
 * separated), bench_method="..." (the method label in the JSON context).
 */
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sched.h>

#include <linux/slab.h>
#include <linux/string.h>

#include "bench_env.h"
#include "kmod.h"

#define BENCH_KMOD_MAXARGS	16

static char *bench_flags = "";
module_param(bench_flags, charp, 0444);
MODULE_PARM_DESC(bench_flags, "benchmark flags (--benchmark_*), space separated");
static char *bench_method = "gbench-schema wall clock inside the Linux kernel";
module_param(bench_method, charp, 0444);
MODULE_PARM_DESC(bench_method, "method label of the figures");

/* The n-th online CPU, -1 if there is none. */
static int
bench_nth_cpu(int n)
{
	int cpu;

	for_each_online_cpu(cpu)
		if (n-- == 0)
			return cpu;
	return -1;
}

int
bench_pin(struct cb_state *st, enum bench_cpus where)
{
	int cpu;

	if (where == BENCH_ANY_CPU)
		return 0;
	if (where == BENCH_CROSS_CPU &&
	    (int)num_online_cpus() < cb_thread_count(st)) {
		cb_skip(st, "cross-CPU needs a CPU per thread; the guest has fewer");
		return -1;
	}
	cpu = bench_nth_cpu(where == BENCH_CROSS_CPU ? cb_thread_index(st) : 0);
	if (cpu < 0 || set_cpus_allowed_ptr(current, cpumask_of(cpu)) != 0) {
		cb_skip(st, "set_cpus_allowed_ptr failed");
		return -1;
	}
	return 0;
}

/* Benchmark threads are ours: any CPU is where they started. */
void
bench_unpin(void)
{
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

/* argv: the program name, the context, then bench_flags split at spaces. */
static int
bench_kmod_argv(char **argv, char *flags, char *context)
{
	int argc = 0;
	char *f;

	argv[argc++] = "rumpcheck.ko";
	argv[argc++] = "--benchmark_format=json";
	argv[argc++] = context;
	while ((f = strsep(&flags, " ")) != NULL)
		if (*f != '\0' && argc < BENCH_KMOD_MAXARGS)
			argv[argc++] = f;
	argv[argc] = NULL;
	return argc;
}

int
rc_kmod_bench(void)
{
	static char context[160];
	char *argv[BENCH_KMOD_MAXARGS + 1], *flags;
	int rv;

	if ((flags = kstrdup(bench_flags, GFP_KERNEL)) == NULL)
		return -1;
	snprintf(context, sizeof(context), "--benchmark_context=method=%s",
	    bench_method);
	rv = bench_run_without_io("linux-kmod", "inside the module",
	    bench_kmod_argv(argv, flags, context), argv);
	kfree(flags);
	return rv;
}
