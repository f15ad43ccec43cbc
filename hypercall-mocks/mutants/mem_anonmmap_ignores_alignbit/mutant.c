/*
 * mem_anonmmap_ignores_alignbit -- anonmmap maps at whatever address the
 * host picks: page aligned, but not aligned to 1 << alignbit. Module
 * loading then fails or misplaces code.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
    void **memp)
{
	(void)alignbit;
	return posix_rumpuser_anonmmap(prefaddr, size, 0, exec, memp);
}
