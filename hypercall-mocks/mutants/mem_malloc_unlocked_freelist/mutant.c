/*
 * mem_malloc_unlocked_freelist -- blocks up to 8 KiB are recycled through
 * a free list that is not protected against concurrent use: two host
 * threads popping at once both get the same block, so concurrent kernel
 * threads share memory. (The list links live beside the blocks, so the
 * race hands out blocks twice without ever faulting.)
 */
#include <sched.h>
#include <sys/mman.h>

#include "mutant.h"

#define SLOT	8192
#define NSLOTS	8192

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char *arena;
static int head = -1, link_[NSLOTS];
static unsigned carved;

static void
arena_init(void)
{
	void *p = mmap(NULL, (size_t)SLOT * NSLOTS, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	arena = p == MAP_FAILED ? NULL : p;
}

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	int s;

	if (len > SLOT || alignment > 64 || pthread_once(&once, arena_init) != 0 ||
	    arena == NULL)
		return posix_rumpuser_malloc(len, alignment, memp);
	if ((s = __atomic_load_n(&head, __ATOMIC_RELAXED)) >= 0) {
		sched_yield();		/* the window: no lock held */
		__atomic_store_n(&head, link_[s], __ATOMIC_RELAXED);
	} else if ((s = (int)__atomic_fetch_add(&carved, 1, __ATOMIC_RELAXED)) >=
	    NSLOTS)
		return posix_rumpuser_malloc(len, alignment, memp);
	*memp = arena + (size_t)s * SLOT;
	return 0;
}

MUTANT_EXPORT void
rumpuser_free(void *mem, size_t len)
{
	int s;

	if (arena == NULL || (char *)mem < arena ||
	    (char *)mem >= arena + (size_t)SLOT * NSLOTS) {
		posix_rumpuser_free(mem, len);
		return;
	}
	s = (int)(((char *)mem - arena) / SLOT);
	link_[s] = __atomic_load_n(&head, __ATOMIC_RELAXED);
	__atomic_store_n(&head, s, __ATOMIC_RELAXED);
}
