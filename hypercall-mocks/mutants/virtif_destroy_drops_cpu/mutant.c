/*
 * virtif_destroy_drops_cpu -- destroy releases the CPU around its
 * teardown and does not take it back: the kernel's detach path continues
 * without a CPU, racing every other kernel thread.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	posix_rumpcomp_virt_destroy(viu);
	(void)posix_rumpuser_component_unschedule();
}
