/*
 * upcall_nlocks_not_restored -- the hypervisor does not keep the count
 * backend_unschedule returned across its blocking operations and hands
 * backend_schedule a fixed 1: the big kernel lock's recursion depth is
 * lost on every blocking hypercall.
 */
#include "mutant.h"

static void
schedule_one_lock(int nlocks, void *interlock)
{
	(void)nlocks;
	mutant_hyp.hyp_backend_schedule(1, interlock);
}

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	return mutant_init_table(version, hyp, NULL, schedule_one_lock);
}
