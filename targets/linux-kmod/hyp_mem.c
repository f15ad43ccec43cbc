/*
 * hyp_mem.c -- memory.
 *
 * malloc: kmalloc (vmalloc for large sizes) does not guarantee alignments
 * above ARCH_KMALLOC_MINALIGN, so every block is over-allocated and the
 * allocation's base and length sit in a header just below the pointer
 * handed out.  free checks the length the kernel passes back.
 *
 * anonmmap: zeroed pages mapped with vmap(), executable (PAGE_KERNEL_EXEC)
 * when asked; alignments above a page are met by mapping a larger range
 * and handing out its aligned part.  prefaddr is only a hint and ignored.
 */
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include "hyp.h"

struct mem_hdr {
	void *base;
	size_t len;
};

/* Keeps the header itself and small blocks 16-byte aligned. */
#define MEM_MINALIGN	16

int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	size_t align = alignment > MEM_MINALIGN ? (size_t)alignment : MEM_MINALIGN;
	size_t extra = sizeof(struct mem_hdr) + align - 1;
	struct mem_hdr *h;
	void *base;
	uintptr_t p;

	if (alignment < 0 || !is_power_of_2(align))
		return NB_EINVAL;
	if (len > INT_MAX - extra)
		return NB_ENOMEM;
	if ((base = kvmalloc(len + extra, GFP_KERNEL | __GFP_NOWARN)) == NULL)
		return NB_ENOMEM;
	p = ALIGN((uintptr_t)base + sizeof(struct mem_hdr), align);
	h = (struct mem_hdr *)p - 1;
	h->base = base;
	h->len = len;
	*memp = (void *)p;
	return 0;
}

void
rumpuser_free(void *mem, size_t len)
{
	struct mem_hdr *h;

	if (mem == NULL)
		return;
	h = (struct mem_hdr *)mem - 1;
	if (h->len != len)
		hyp_fatal("free %p: length %zu, allocated with %zu", mem, len, h->len);
	kvfree(h->base);
}

struct mapping {
	struct list_head entry;
	void *addr;		/* handed out */
	size_t len;
	void *base;		/* of the vmap */
	struct page **pages;
	unsigned int npages;
};

static LIST_HEAD(mappings);
static DEFINE_SPINLOCK(mappings_lock);

static void
free_pages_of(struct mapping *m)
{
	unsigned int i;

	for (i = 0; i < m->npages; i++)
		if (m->pages[i] != NULL)
			__free_page(m->pages[i]);
	kvfree(m->pages);
}

/* Map npages fresh zeroed pages; 0 or NetBSD errno. */
static int
map_pages(struct mapping *m, int exec)
{
	unsigned int i;

	m->pages = kvcalloc(m->npages, sizeof(*m->pages), GFP_KERNEL | __GFP_NOWARN);
	if (m->pages == NULL)
		return NB_ENOMEM;
	for (i = 0; i < m->npages; i++)
		if ((m->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN)) == NULL)
			goto fail;
	m->base = vmap(m->pages, m->npages, VM_MAP, exec ? PAGE_KERNEL_EXEC : PAGE_KERNEL);
	if (m->base != NULL)
		return 0;
fail:
	free_pages_of(m);
	return NB_ENOMEM;
}

int
rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec, void **memp)
{
	size_t align = PAGE_SIZE, span;
	struct mapping *m;
	int error;

	(void)prefaddr;
	if (alignbit < 0 || alignbit >= BITS_PER_LONG || size == 0)
		return NB_EINVAL;
	if ((1UL << alignbit) > align)
		align = 1UL << alignbit;
	if (align > (size_t)INT_MAX * PAGE_SIZE || size > (size_t)INT_MAX * PAGE_SIZE - align)
		return NB_ENOMEM;
	span = PAGE_ALIGN(size) + (align - PAGE_SIZE);
	if ((m = kzalloc(sizeof(*m), GFP_KERNEL)) == NULL)
		return NB_ENOMEM;
	m->npages = span >> PAGE_SHIFT;
	m->len = size;
	if ((error = map_pages(m, exec)) != 0) {
		kfree(m);
		return error;
	}
	m->addr = (void *)ALIGN((uintptr_t)m->base, align);
	spin_lock(&mappings_lock);
	list_add(&m->entry, &mappings);
	spin_unlock(&mappings_lock);
	*memp = m->addr;
	return 0;
}

void
rumpuser_unmap(void *addr, size_t len)
{
	struct mapping *m, *found = NULL;

	spin_lock(&mappings_lock);
	list_for_each_entry(m, &mappings, entry) {
		if (m->addr == addr) {
			list_del(&m->entry);
			found = m;
			break;
		}
	}
	spin_unlock(&mappings_lock);
	if (found == NULL)
		hyp_fatal("unmap %p: not mapped by anonmmap", addr);
	if (found->len != len)
		hyp_fatal("unmap %p: length %zu, mapped with %zu", addr, len, found->len);
	vunmap(found->base);
	free_pages_of(found);
	kfree(found);
}
