/*
 * mem_malloc_null_success -- malloc returns 0 whatever the host said, so
 * an allocation that could not be satisfied reaches the kernel as a
 * successful NULL block that it then writes through.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	if (posix_rumpuser_malloc(len, alignment, memp) != 0)
		*memp = NULL;
	return 0;
}
