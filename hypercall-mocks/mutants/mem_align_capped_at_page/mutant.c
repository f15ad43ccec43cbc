/*
 * mem_align_capped_at_page -- an allocator built on a page allocator
 * honours alignments up to a page and silently gives page alignment for
 * anything larger: uvm_km_alloc callers asking for more get less.
 */
#include "mutant.h"

#define PAGE	4096

MUTANT_EXPORT int
rumpuser_malloc(size_t howmuch, int alignment, void **memp)
{
	return posix_rumpuser_malloc(howmuch, alignment > PAGE ? PAGE : alignment, memp);
}
