/*
 * mem_anonmmap_always_exec -- every mapping is made read, write and
 * execute (a port that needed PROT_EXEC for module text and set it for
 * all): kernel data is executable.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	(void)exec;
	return posix_rumpuser_anonmmap(prefaddr, size, alignbit, 1, memp);
}
