/*
 * upcall_component_curlwp_stale -- component_kthread caches the thread's
 * lwp at the wrong moment (the temporary one, before newlwp switched it)
 * and component_curlwp returns that cache: a driver thread then hands the
 * kernel a freed lwp.
 */
#include "mutant.h"

static __thread struct lwp *cached;

MUTANT_EXPORT void
rumpuser_component_kthread(void)
{
	mutant_hyp.hyp_schedule();
	cached = mutant_hyp.hyp_lwproc_curlwp();
	if (mutant_hyp.hyp_lwproc_newlwp(0) != 0)
		cached = NULL;
	mutant_hyp.hyp_unschedule();
}

MUTANT_EXPORT struct lwp *
rumpuser_component_curlwp(void)
{
	return cached != NULL ? cached : posix_rumpuser_component_curlwp();
}
