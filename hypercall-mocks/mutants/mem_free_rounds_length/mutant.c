/*
 * mem_free_rounds_length -- an allocator that serves blocks of a page or
 * more straight from anonymous mappings and relies on the length given
 * to free to know how much to unmap. Its rounding is off by one: a block
 * whose length is a whole number of pages is freed with one page too
 * many, taking the start of the neighbouring mapping with it.
 */
#include <unistd.h>

#include "mutant.h"

static size_t
pagesize(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

static int
log2_of(size_t x)
{
	int n = 0;

	while (((size_t)1 << n) < x)
		n++;
	return n;
}

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	size_t align = alignment > 0 ? (size_t)alignment : 0;

	if (len < pagesize() || len > SIZE_MAX / 2)
		return posix_rumpuser_malloc(len, alignment, memp);
	if (align < pagesize())
		align = pagesize();
	return posix_rumpuser_anonmmap(NULL, len, log2_of(align), 0, memp);
}

MUTANT_EXPORT void
rumpuser_free(void *mem, size_t len)
{
	size_t pg = pagesize();

	if (len < pg || len > SIZE_MAX / 2) {
		posix_rumpuser_free(mem, len);
		return;
	}
	/* Should be (len + pg - 1) & ~(pg - 1). */
	posix_rumpuser_unmap(mem, (len + pg) & ~(pg - 1));
}
