/*
 * mem_anonmmap_hint_noreplace -- the preferred address is treated as
 * required (MAP_FIXED_NOREPLACE style): a map that cannot go exactly
 * there fails with ENOMEM. The kernel hints every module at the same top
 * of the low 2 GB, so loading a second module fails.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	void *p = NULL;
	int rv = posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec, &p);

	if (rv != 0)
		return rv;
	if (prefaddr != NULL && p != prefaddr) {
		posix_rumpuser_unmap(p, size);
		return NB_ENOMEM;
	}
	*memp = p;
	return 0;
}
