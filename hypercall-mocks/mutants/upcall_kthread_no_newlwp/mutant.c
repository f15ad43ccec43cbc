/*
 * upcall_kthread_no_newlwp -- component_kthread schedules and unschedules
 * but never calls hyp_lwproc_newlwp: the thread is left on the temporary
 * lwp hyp_unschedule frees, and a driver receive thread then enters the
 * kernel without a valid lwp.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_component_kthread(void)
{
	mutant_hyp.hyp_schedule();
	mutant_hyp.hyp_unschedule();
}
