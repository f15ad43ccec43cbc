/*
 * upcall_unschedule_partial -- the hypervisor asks backend_unschedule to
 * drop one big-lock level (nlocks 1) instead of all of them (0): a
 * blocked thread keeps the rest of the big kernel lock and the kernel
 * deadlocks.
 */
#include "mutant.h"

static void
unschedule_one_lock(int nlocks, int *countp, void *interlock)
{
	(void)nlocks;
	mutant_hyp.hyp_backend_unschedule(1, countp, interlock);
}

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	return mutant_init_table(version, hyp, unschedule_one_lock, NULL);
}
