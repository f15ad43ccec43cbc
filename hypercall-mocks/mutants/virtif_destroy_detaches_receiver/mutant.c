/*
 * virtif_destroy_detaches_receiver -- destroy hands the teardown (joining
 * the receive thread, closing the tap) to a reaper that gets to it 300 ms
 * later, and returns at once: the receive thread and the tap outlive the
 * interface the kernel believes gone, and an interface created again at
 * once finds the tap still busy.
 */
#include "mutant.h"

static void
destroy_later(void *viu)
{
	posix_rumpcomp_virt_destroy(viu);
}

MUTANT_EXPORT void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	mutant_later(destroy_later, viu, 300);
}
