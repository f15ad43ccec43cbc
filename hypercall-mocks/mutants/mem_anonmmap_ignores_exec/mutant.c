/*
 * mem_anonmmap_ignores_exec -- anonmmap maps every request read/write
 * only, exec or not (a port that copied the data-mapping flags): the
 * module loader's text lands in memory the CPU refuses to run, and the
 * first call into a loaded module faults.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	(void)exec;
	return posix_rumpuser_anonmmap(prefaddr, size, alignbit, 0, memp);
}
