/*
 * kmod_main.c -- the rumpcheck module: a kernel thread runs the whole
 * suite against the built-in hypervisor and prints KTAP, then an end
 * marker, and sets the read-only parameter "done".
 *
 * Parameters: params="NAME=VALUE,..." (getparam names), filter="case ..."
 * (run only these), areas="area,..." (only these areas: a list of all the
 * cases of a few areas is longer than the 1024 bytes a string parameter
 * holds), run=ktap|bench.
 */
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "rc_areas.h"
#include "rc_ktap.h"
#include "rc_target.h"
#include "kmod.h"

static char *params;
module_param(params, charp, 0444);
MODULE_PARM_DESC(params, "getparam names: NAME=VALUE,...");
static char *filter;
module_param(filter, charp, 0444);
MODULE_PARM_DESC(filter, "space-separated case names to run (default: all)");
static char *area_names;
module_param_named(areas, area_names, charp, 0444);
MODULE_PARM_DESC(areas, "comma-separated areas to run (default: all)");
static char *run = "ktap";
module_param(run, charp, 0444);
MODULE_PARM_DESC(run, "ktap (the conformance suite) or bench");
static int done;
module_param(done, int, 0444);
MODULE_PARM_DESC(done, "1 once the run is over");

static const struct rc_area *const areas[] = {
#define RC_AREA(name) &rc_area_##name,
#include "kmod_areas.h"
#undef RC_AREA
	NULL
};

static const struct rc_area *chosen[ARRAY_SIZE(areas)];

static int
listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p != NULL) {
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
	return 0;
}

/* The areas the areas parameter names, every one when it names none. */
static const struct rc_area *const *
chosen_areas(void)
{
	size_t i, n = 0;

	if (area_names == NULL || *area_names == '\0')
		return areas;
	for (i = 0; areas[i] != NULL; i++)
		if (listed(area_names, areas[i]->name))
			chosen[n++] = areas[i];
	chosen[n] = NULL;
	return chosen;
}

static int
run_suite(void)
{
	char err[256];

	if (rc_target_load("linux-kmod", err, sizeof(err)) == -1) {
		pr_err("rumpcheck: %s\n", err);
		return -1;
	}
	return rc_ktap_run(chosen_areas(), filter);
}

static int
run_bench(void)
{
	if (rc_kmod_bench == NULL) {
		pr_err("rumpcheck: no benchmarks linked into this module\n");
		return -1;
	}
	return rc_kmod_bench();
}

static int
runner(void *unused)
{
	int result = strcmp(run, "bench") == 0 ? run_bench() : run_suite();

	pr_info(KMOD_KTAP_PREFIX "# rumpcheck-end %s result=%d\n", run, result);
	WRITE_ONCE(done, 1);
	return 0;
}

static int __init
rumpcheck_init(void)
{
	struct task_struct *t;

	if (hyp_param_load(params) != 0) {
		pr_err("rumpcheck: bad params=\"%s\"\n", params);
		return -EINVAL;
	}
	hyp_uioctl_hold_mm();	/* tun's TUNSETIFF wants user memory */
	kmod_net_hold_mm();	/* the harness's own taps, apart from the hypervisor */
	t = kthread_run(runner, NULL, "rumpcheck");
	return IS_ERR(t) ? PTR_ERR(t) : 0;
}

/* No exit function: threads the suite abandoned may still run our code. */
module_init(rumpcheck_init);

MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("rumpcheck: rumpuser v17 hypervisor and its conformance suite");
