/*
 * mem_anonmmap_refuses_large -- anonmmap fails with ENOMEM for 16 MiB and
 * more (a fixed-size address-space pool): the kernel cannot set up its
 * module map or large pools.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
    void **memp)
{
	if (size >= (16u << 20))
		return NB_ENOMEM;
	return posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec, memp);
}
