/*
 * upcall_nlocks_global -- the big-lock count backend_unschedule returns is
 * kept in one global instead of per blocking call: with several kernel
 * threads blocked at once, each comes back with the last one's depth.
 */
#include "mutant.h"

static int last_count;

static void
unschedule_into_global(int nlocks, int *countp, void *interlock)
{
	mutant_hyp.hyp_backend_unschedule(nlocks, countp, interlock);
	__atomic_store_n(&last_count, *countp, __ATOMIC_RELAXED);
}

static void
schedule_from_global(int nlocks, void *interlock)
{
	(void)nlocks;
	mutant_hyp.hyp_backend_schedule(__atomic_load_n(&last_count, __ATOMIC_RELAXED),
	    interlock);
}

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	return mutant_init_table(version, hyp, unschedule_into_global, schedule_from_global);
}
