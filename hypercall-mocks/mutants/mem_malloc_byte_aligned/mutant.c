/*
 * mem_malloc_byte_aligned -- with alignment 0 the allocator returns a
 * block one byte past a host block (a header it forgot to round): the
 * kernel stores pointers and 64-bit values in every block and faults or
 * tears them on strict-alignment hosts.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	void *p;
	int rv;

	if (alignment != 0 || len + 1 < len)
		return posix_rumpuser_malloc(len, alignment, memp);
	if ((rv = posix_rumpuser_malloc(len + 1, 0, &p)) == 0)
		*memp = (char *)p + 1;
	return rv;
}

MUTANT_EXPORT void
rumpuser_free(void *mem, size_t len)
{
	if (((uintptr_t)mem & 7) == 1)
		posix_rumpuser_free((char *)mem - 1, len + 1);
	else
		posix_rumpuser_free(mem, len);
}
