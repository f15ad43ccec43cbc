/*
 * mem_anonmmap_overlaps -- mappings are carved from a reserved region
 * (the bookkeeping a bare-metal hypervisor does) whose cursor advances one
 * page less than each mapping: a mapping's last page is the next one's
 * first, and the kernel's pools overwrite each other.
 */
#include <sys/mman.h>

#include "mutant.h"

#define PAGE	4096u
#define ARENA	(64u << 20)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *arena;
static uintptr_t cursor;

MUTANT_EXPORT int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
    void **memp)
{
	uintptr_t align, p = 0;

	if (exec || alignbit > 21)
		return posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec,
		    memp);
	align = (uintptr_t)1 << (alignbit < 12 ? 12 : alignbit);
	pthread_mutex_lock(&lock);
	if (arena == NULL && (arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) != MAP_FAILED)
		cursor = (uintptr_t)arena;
	else if (arena == MAP_FAILED)
		arena = NULL;
	if (arena != NULL) {
		p = (cursor + align - 1) & ~(align - 1);
		if (p + size > (uintptr_t)arena + ARENA)
			p = 0;
		else
			cursor = p + (size > PAGE ? size - PAGE : 0);
	}
	pthread_mutex_unlock(&lock);
	if (p == 0)
		return posix_rumpuser_anonmmap(prefaddr, size, alignbit, exec,
		    memp);
	*memp = (void *)p;
	return 0;
}

MUTANT_EXPORT void
rumpuser_unmap(void *addr, size_t len)
{
	if (arena != NULL && (char *)addr >= arena && (char *)addr < arena + ARENA)
		return;		/* the region is never given back */
	posix_rumpuser_unmap(addr, len);
}
