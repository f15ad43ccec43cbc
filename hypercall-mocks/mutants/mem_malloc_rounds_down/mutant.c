/*
 * mem_malloc_rounds_down -- small blocks are carved from an arena whose
 * cursor advances by the length rounded *down* to 16 bytes: each block's
 * tail is the next block's head, so live kernel objects overwrite each
 * other.
 */
#include <sys/mman.h>

#include "mutant.h"

#define ARENA	(64u << 20)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *arena;
static size_t cursor;

MUTANT_EXPORT int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	void *p = NULL;

	if (alignment > 16 || len > 65536)
		return posix_rumpuser_malloc(len, alignment, memp);
	pthread_mutex_lock(&lock);
	if (arena == NULL && (arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
		arena = NULL;
	if (arena != NULL && cursor + len + 16 <= ARENA) {
		p = arena + cursor;
		cursor += len & ~(size_t)15;
	}
	pthread_mutex_unlock(&lock);
	if (p == NULL)
		return posix_rumpuser_malloc(len, alignment, memp);
	*memp = p;
	return 0;
}

MUTANT_EXPORT void
rumpuser_free(void *mem, size_t len)
{
	if (arena != NULL && (char *)mem >= arena && (char *)mem < arena + ARENA)
		return;		/* arena blocks are never reused */
	posix_rumpuser_free(mem, len);
}
