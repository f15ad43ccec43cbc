/*
 * mem_anonmmap_map_failed_as_null -- the host mmap's failure is tested
 * against NULL, as for malloc: MAP_FAILED ((void *)-1) goes back to the
 * kernel as a successful mapping.
 */
#include <sys/mman.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	if (posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec, memp) != 0)
		*memp = MAP_FAILED;
	return 0;
}
