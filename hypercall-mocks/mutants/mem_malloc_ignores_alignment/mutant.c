/*
 * mem_malloc_ignores_alignment -- malloc hands out plain heap blocks
 * whatever alignment was asked for. The kernel's pools and page allocator
 * assume aligned blocks and corrupt memory otherwise.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	(void)alignment;
	return posix_rumpuser_malloc(len, 0, memp);
}
