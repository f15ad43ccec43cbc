/*
 * mem_malloc_align_capped_at_page -- blocks come from a page allocator
 * that aligns to at most one page: an alignment above the page size
 * (two pages, 64 KiB, 1 MiB) is quietly lowered to the page size.
 */
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	int page = (int)sysconf(_SC_PAGESIZE);

	return posix_rumpuser_malloc(len, alignment > page ? page : alignment, memp);
}
