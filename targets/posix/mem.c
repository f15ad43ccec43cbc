/*
 * mem.c -- heap and anonymous mappings.
 */
#include "rumpuser_int.h"

#include <sys/mman.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
is_power_of_two(size_t x)
{

	return x != 0 && (x & (x - 1)) == 0;
}

int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	size_t align;
	void *mem;
	int rv;

	if (alignment < 0)
		return NB_EINVAL;
	align = (size_t)alignment;
	if (align == 0)
		align = sizeof(void *);
	if (!is_power_of_two(align))
		return NB_EINVAL;
	/* posix_memalign() wants at least pointer alignment. */
	if (align < sizeof(void *))
		align = sizeof(void *);
	if ((rv = posix_memalign(&mem, align, len)) != 0)
		return ET(rv);
	*memp = mem;
	return 0;
}

void
rumpuser_free(void *mem, size_t len)
{
	(void)len;	/* for allocators that choose a pool by size; not malloc */
	free(mem);
}

static void *
map_anon(void *addr, size_t size, int prot)
{

	return mmap(addr, size, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/*
 * Map size + align bytes and trim the ends so that what is left starts
 * on an align boundary.  align is a power of two above the page size.
 */
static void *
map_aligned(size_t size, size_t align, int prot)
{
	size_t pagesize = (size_t)sysconf(_SC_PAGESIZE);
	size_t head, tail, maplen;
	uintptr_t start, aligned;
	void *mem;

	if (size > SIZE_MAX - align) {
		errno = ENOMEM;		/* the caller returns errno */
		return MAP_FAILED;
	}
	maplen = size + align - pagesize;
	if ((mem = map_anon(NULL, maplen, prot)) == MAP_FAILED)
		return MAP_FAILED;
	start = (uintptr_t)mem;
	aligned = (start + align - 1) & ~(uintptr_t)(align - 1);
	head = aligned - start;
	tail = maplen - head - size;
	if (head != 0)
		munmap(mem, head);
	if (tail != 0)
		munmap((char *)aligned + size, tail);
	return (void *)aligned;
}

int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
    void **memp)
{
	int prot = PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0);
	size_t align, pagesize;
	void *mem;
#ifdef __EMSCRIPTEN__
	int error;
#endif

	if (size == 0 || alignbit < 0 || alignbit >= (int)sizeof(size_t) * 8)
		return NB_EINVAL;
	align = (size_t)1 << alignbit;
	pagesize = (size_t)sysconf(_SC_PAGESIZE);
	/* Round up so the trimmed tail never cuts into a partial page. */
	size = (size + pagesize - 1) & ~(pagesize - 1);
	if (size == 0)
		return NB_ENOMEM;

#ifdef __EMSCRIPTEN__
	/*
	 * wasm has no pages to map: emscripten's anonymous mmap is zeroed
	 * heap, and its munmap takes only whole mappings (leaving its lock
	 * held when refused). The heap gives any alignment directly.
	 */
	if ((error = posix_memalign(&mem, align > pagesize ? align : pagesize,
	    size)) != 0)
		return ET(error);
	memset(mem, 0, size);
	*memp = mem;
	return 0;
#endif
	if ((mem = map_anon(prefaddr, size, prot)) == MAP_FAILED)
		return ET(errno);
	if (((uintptr_t)mem & (align - 1)) != 0) {
		munmap(mem, size);
		if ((mem = map_aligned(size, align, prot)) == MAP_FAILED)
			return ET(errno);
	}
	*memp = mem;
	return 0;
}

void
rumpuser_unmap(void *addr, size_t len)
{

#ifdef __EMSCRIPTEN__	/* anonmmap took it from the heap */
	free(addr);
	return;
#endif
	if (munmap(addr, len) != 0)
		rumpuser__fatal("munmap(%p, %zu) failed", addr, len);
}
