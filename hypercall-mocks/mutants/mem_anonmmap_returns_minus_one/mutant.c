/*
 * mem_anonmmap_returns_minus_one -- a port that returns what the libc
 * call returned (-1) instead of the errno: the kernel gets no ENOMEM.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	return posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec, memp) != 0 ? -1 : 0;
}
