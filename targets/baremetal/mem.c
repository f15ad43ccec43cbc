/*
 * mem.c -- the heap over the machine's free RAM: one address-ordered
 * free list of 16-byte granules, first fit, coalescing on free. Every
 * block has a header just below the pointer handed out, so any alignment
 * is one allocation, and free needs no size. The MMU is off: memory is
 * flat and executable, so anonmmap is an aligned, zeroed allocation.
 */
#include <string.h>

#include "bm.h"

#define GRAIN	16u

struct span {			/* a free run, stored in the run itself */
	struct span *next;
	size_t size;
};

struct header {			/* just below every pointer handed out */
	uintptr_t start;	/* of the run taken from the free list */
	size_t size;		/* of that run */
};

static struct span *free_list;
static size_t in_use;
static int ready;

static uintptr_t
round_up(uintptr_t v, uintptr_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static void
heap_init(void)
{
	uintptr_t lo, hi;

	mach_ram(&lo, &hi);
	lo = round_up(lo, GRAIN);
	free_list = (struct span *)lo;
	free_list->next = NULL;
	free_list->size = (hi - lo) & ~(uintptr_t)(GRAIN - 1);
	ready = 1;
}

/* Give [start, start+size) back, merging with its neighbours. */
static void
give_back(uintptr_t start, size_t size)
{
	struct span **pp = &free_list, *s = (struct span *)start, *prev = NULL;

	while (*pp != NULL && (uintptr_t)*pp < start) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	s->size = size;
	s->next = *pp;
	*pp = s;
	if (s->next != NULL && start + s->size == (uintptr_t)s->next) {
		s->size += s->next->size;
		s->next = s->next->next;
	}
	if (prev != NULL && (uintptr_t)prev + prev->size == start) {
		prev->size += s->size;
		prev->next = s->next;
	}
}

void *
bm_alloc(size_t size, size_t align)
{
	struct span **pp, *s;
	uintptr_t start, p, end, tail;
	struct header *h;

	if (!ready)
		heap_init();
	if (align < GRAIN)
		align = GRAIN;
	/* Beyond a quarter of the address space nothing fits, and the
	   rounding below must not wrap (32-bit machines too). */
	if (size > SIZE_MAX / 4 || align > SIZE_MAX / 4)
		return NULL;
	size = round_up(size ? size : 1, GRAIN);
	for (pp = &free_list; (s = *pp) != NULL; pp = &s->next) {
		start = (uintptr_t)s;
		p = round_up(start + sizeof(struct header), align);
		if (p < start || p > start + s->size || size > start + s->size - p)
			continue;
		end = p + size;
		tail = start + s->size - end;
		*pp = s->next;
		if (p - sizeof(struct header) - start >= 2 * GRAIN + sizeof(struct header)) {
			/* A long lead-in (big alignment): give it back. */
			give_back(start, p - sizeof(struct header) - start);
			start = p - sizeof(struct header);
		}
		if (tail >= GRAIN)
			give_back(end, tail);
		else
			end += tail;
		h = (struct header *)(p - sizeof(*h));
		h->start = start;
		h->size = end - start;
		in_use += h->size;
		return (void *)p;
	}
	return NULL;
}

void
bm_free(void *p)
{
	struct header *h;

	if (p == NULL)
		return;
	h = (struct header *)((uintptr_t)p - sizeof(*h));
	in_use -= h->size;
	give_back(h->start, h->size);
}

size_t
bm_alloc_size(void *p)
{
	struct header *h = (struct header *)((uintptr_t)p - sizeof(*h));

	return h->start + h->size - (uintptr_t)p;
}

size_t
bm_heap_in_use(void)
{
	return in_use;
}

/* Alignment 0 means the platform's (rumpuser(3)); otherwise a power of two. */
int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	void *p;

	if (alignment < 0 || (alignment & (alignment - 1)) != 0)
		return NB_EINVAL;
	if ((p = bm_alloc(len, alignment ? (size_t)alignment : GRAIN)) == NULL)
		return NB_ENOMEM;
	*memp = p;
	return 0;
}

void
rumpuser_free(void *mem, size_t len)
{
	if (mem != NULL && len > bm_alloc_size(mem))
		bm_fatal("free(%p, %zu): the block has %zu bytes", mem, len,
		    bm_alloc_size(mem));
	bm_free(mem);
}

/* prefaddr is only a hint: the heap decides. The pages come zeroed. */
int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	size_t page = mach_page_size(), align = page;
	void *p;

	(void)prefaddr;
	(void)exec;
	/* Wider than an address: EINVAL, as NetBSD's mmap says. */
	if (size == 0 || alignbit < 0 || alignbit >= (int)(sizeof(void *) * 8))
		return NB_EINVAL;
	if (alignbit >= (int)(sizeof(size_t) * 8) - 2)	/* more than the address space */
		return NB_ENOMEM;
	if (alignbit > 0 && ((size_t)1 << alignbit) > align)
		align = (size_t)1 << alignbit;
	if (size > SIZE_MAX - page)
		return NB_ENOMEM;
	size = round_up(size, page);
	if ((p = bm_alloc(size, align)) == NULL)
		return NB_ENOMEM;
	memset(p, 0, size);
	*memp = p;
	return 0;
}

void
rumpuser_unmap(void *addr, size_t len)
{
	(void)len;
	bm_free(addr);
}
