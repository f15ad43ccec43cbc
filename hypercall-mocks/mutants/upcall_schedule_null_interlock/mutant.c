/*
 * upcall_schedule_null_interlock -- the hypervisor passes NULL to
 * backend_schedule even where it gave backend_unschedule the cv mutex:
 * the kernel's scheduler-lock handshake (take it in unschedule, drop it
 * in schedule) breaks.
 */
#include "mutant.h"

static void
schedule_null(int nlocks, void *interlock)
{
	(void)interlock;
	mutant_hyp.hyp_backend_schedule(nlocks, NULL);
}

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	return mutant_init_table(version, hyp, NULL, schedule_null);
}
