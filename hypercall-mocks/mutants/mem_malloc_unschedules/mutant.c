/*
 * mem_malloc_unschedules -- malloc is wrapped like a blocking host call:
 * it releases the virtual CPU around the host allocation. rump_init
 * allocates before any CPU exists (uvm_init, kmem), so the release has
 * nothing to give back.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_malloc(size_t howmuch, int alignment, void **memp)
{
	int nlocks, rv;

	mutant_unschedule(&nlocks, NULL);
	rv = posix_rumpuser_malloc(howmuch, alignment, memp);
	mutant_schedule(nlocks, NULL);
	return rv;
}
