/*
 * upcall_kthread_host_pid -- component_kthread asks the kernel for an lwp
 * of the host's process id instead of proc0 (pid 0): the rump kernel has
 * no such process (ESRCH), or gives the thread to a stranger's process.
 */
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_component_kthread(void)
{
	mutant_hyp.hyp_schedule();
	(void)mutant_hyp.hyp_lwproc_newlwp(getpid());
	mutant_hyp.hyp_unschedule();
}
