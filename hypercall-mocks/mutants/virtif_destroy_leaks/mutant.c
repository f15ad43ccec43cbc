/*
 * virtif_destroy_leaks -- destroy forgets the interface: the receive
 * thread (already told to stop by dying) is never joined and the tap and
 * wake-up descriptors stay open. Every interface the kernel tears down
 * leaks a thread and its descriptors.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	(void)viu;
}
