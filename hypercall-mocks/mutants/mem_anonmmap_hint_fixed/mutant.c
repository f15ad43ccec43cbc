/*
 * mem_anonmmap_hint_fixed -- anonmmap passes the preferred address with
 * MAP_FIXED, so a hint at memory in use silently replaces that memory
 * (the kernel's own data) with fresh zero pages.
 */
#include <sys/mman.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
    void **memp)
{
	void *mem;

	if (prefaddr == NULL)
		return posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec,
		    memp);
	mem = mmap(prefaddr, size, PROT_READ | PROT_WRITE |
	    (exec ? PROT_EXEC : 0), MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
	    -1, 0);
	if (mem == MAP_FAILED)
		return 12;	/* ENOMEM */
	*memp = mem;
	return 0;
}
