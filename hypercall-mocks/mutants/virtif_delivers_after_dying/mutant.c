/*
 * virtif_delivers_after_dying -- dying only queues the shutdown: it
 * returns 0 at once and the receive thread is told to stop half a second
 * later, delivering frames to an interface the kernel is detaching (use
 * after free). destroy still waits for the deferred stop.
 */
#include "mutant.h"

#define DYING_DELAY_MS	500

static void
dying_later(void *viu)
{
	posix_rumpcomp_virt_dying(viu);
}

MUTANT_EXPORT int
rumpcomp_virt_dying(struct virtif_user *viu)
{
	mutant_later(dying_later, viu, DYING_DELAY_MS);
	return 0;
}

MUTANT_EXPORT void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	void *cookie = posix_rumpuser_component_unschedule();

	mutant_later_wait();
	posix_rumpuser_component_schedule(cookie);
	posix_rumpcomp_virt_destroy(viu);
}
