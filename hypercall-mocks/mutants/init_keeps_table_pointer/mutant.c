/*
 * init_keeps_table_pointer -- rumpuser_init remembers the pointer to the
 * kernel's upcall table and calls the scheduler upcalls through it later:
 * a kernel that built the table on its stack is then called through
 * garbage.
 */
#include "mutant.h"

static const struct rumpuser_hyperup *kept;

static void
via_kept_unschedule(int nlocks, int *countp, void *interlock)
{
	kept->hyp_backend_unschedule(nlocks, countp, interlock);
}

static void
via_kept_schedule(int nlocks, void *interlock)
{
	kept->hyp_backend_schedule(nlocks, interlock);
}

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	kept = hyp;
	return mutant_init_table(version, hyp, via_kept_unschedule,
	    via_kept_schedule);
}
