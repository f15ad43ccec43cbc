/*
 * upcall_switchlwp_keeps_cpu -- component_switchlwp enters the kernel to
 * switch lwps and returns without leaving it: the driver thread holds a
 * virtual CPU that no kernel code will give back.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_component_switchlwp(struct lwp *l)
{
	mutant_hyp.hyp_schedule();
	mutant_hyp.hyp_lwproc_switch(l);
}
