/*
 * dropin_kernel.c -- stands in for a pre-2020 rump kernel program for
 * t_dropin: linked against the SONAME librumpuser.so.0 (a NEEDED entry,
 * no path), it boots the hypervisor as rump_init does and calls
 * rumpuser_dl_bootstrap with three arguments, while carrying the
 * link_set_evcnts section a real librump.so has (which a 2020-form library
 * would hand to a 4th argument the call does not pass).
 * Prints what the callbacks got; exits 0 when the link sets came through.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define LIBRUMPUSER	/* the pre-2020 header: RUMPUSER_2020 left undefined */
#include <rump/rumpuser.h>

struct modinfo { const char *name; };
struct rump_component { const char *name; };
struct evcnt { const char *name; };

static const struct modinfo mod = { "dropin_mod" };
static const struct rump_component comp = { "dropin_comp" };
static const struct evcnt ev = { "dropin_ev" };

#include "../../atf/dl/linkset.h"
LINK_SET_ENTRY(modules, mod_entry, mod);
LINK_SET_ENTRY(rump_components, comp_entry, comp);
LINK_SET_ENTRY(evcnts, ev_entry, ev);

/* Referring to the sets makes the linker define their bounds. */
const void *const *const dropin_sets[] = {
	__start_link_set_modules, __stop_link_set_modules,
	__start_link_set_rump_components, __stop_link_set_rump_components,
	__start_link_set_evcnts, __stop_link_set_evcnts,
};

static int modules, components;

static void
on_modinit(const struct modinfo *const *mi, size_t n)
{
	for (size_t i = 0; i < n; i++)
		modules += mi[i] == &mod;
}

static int
on_symload(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	return 0;
}

static void
on_compload(const struct rump_component *rc)
{
	components += rc == &comp;
}

/* A kernel that never schedules: enough for init and dl_bootstrap. */
static void nop(void) {}
static void backend_unschedule(int nlocks, int *countp, void *interlock) { *countp = 0; }
static void backend_schedule(int nlocks, void *interlock) {}
static void lwproc_switch(struct lwp *l) {}
static int lwproc_newlwp(pid_t pid) { return 0; }
static struct lwp *lwproc_curlwp(void) { return NULL; }
static pid_t getpid_none(void) { return 1; }

static const struct rumpuser_hyperup hyp = {
	.hyp_schedule = nop, .hyp_unschedule = nop,
	.hyp_backend_unschedule = backend_unschedule,
	.hyp_backend_schedule = backend_schedule,
	.hyp_lwproc_switch = lwproc_switch, .hyp_lwproc_release = nop,
	.hyp_lwproc_newlwp = lwproc_newlwp, .hyp_lwproc_curlwp = lwproc_curlwp,
	.hyp_getpid = getpid_none,
};

int
main(void)
{
	int rv;

	if ((rv = rumpuser_init(RUMPUSER_VERSION, &hyp)) != 0) {
		printf("rumpuser_init(17) returned %d\n", rv);
		return 1;
	}
	rumpuser_dl_bootstrap(on_modinit, on_symload, on_compload);
	printf("modules %d components %d\n", modules, components);
	return modules == 1 && components == 1 ? 0 : 1;
}
