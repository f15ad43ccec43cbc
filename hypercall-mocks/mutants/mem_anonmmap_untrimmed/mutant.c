/*
 * mem_anonmmap_untrimmed -- alignment by over-mapping size + alignment
 * and handing out the aligned address inside it, without unmapping the
 * head and the tail: each aligned mapping wastes up to its alignment of
 * address space, for good.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), align;
	uintptr_t start;
	void *mem;

	if (alignbit < 0 || alignbit >= (int)sizeof(size_t) * 8 ||
	    ((size_t)1 << alignbit) <= page || size == 0 ||
	    size > SIZE_MAX - ((size_t)1 << alignbit))
		return posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec, memp);
	align = (size_t)1 << alignbit;
	mem = mmap(NULL, size + align, PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0),
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 12;	/* NetBSD ENOMEM */
	start = ((uintptr_t)mem + align - 1) & ~(uintptr_t)(align - 1);
	*memp = (void *)start;
	return 0;
}
