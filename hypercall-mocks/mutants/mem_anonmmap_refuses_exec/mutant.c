/*
 * mem_anonmmap_refuses_exec -- anonmmap with exec set fails with EACCES,
 * as on a W^X host that refuses writable executable memory: the kernel
 * cannot load modules.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
    void **memp)
{
	if (exec)
		return NB_EACCES;
	return posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec, memp);
}
