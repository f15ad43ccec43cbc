/*
 * dl.c -- hand the kernel what the dynamic linker has loaded: module
 * info and component link sets, static event counters, and the
 * kernel's symbols for ksyms.
 *
 * Each object is looked at through its own dynamic symbol table, so a
 * link set is found in the object that defines it and in no other.
 * Nothing is called back while the loader's list is being walked.
 */
#include "rumpuser_int.h"

#include <link.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum linkset_kind { LS_MODULES, LS_COMPONENTS, LS_EVCNTS, LS_NKINDS };

static const char *const linkset_start[LS_NKINDS] = {
	"__start_link_set_modules",
	"__start_link_set_rump_components",
	"__start_link_set_evcnts",
};
static const char *const linkset_stop[LS_NKINDS] = {
	"__stop_link_set_modules",
	"__stop_link_set_rump_components",
	"__stop_link_set_evcnts",
};

struct linkset {
	enum linkset_kind kind;
	void	**start;
	size_t	count;
};

/* What the walk collects. */
struct dlwalk {
	struct linkset	*sets;
	size_t		nsets, setcap;
	ElfW(Sym)	*syms;		/* filtered, values made absolute */
	size_t		nsyms, symcap;
	char		*strs;
	size_t		strsz, strcap;
};

/* One object's dynamic symbol table. */
struct objsyms {
	const struct dl_phdr_info *info;
	const ElfW(Sym)	*symtab;
	size_t		nsyms;
	const char	*strtab;
	size_t		strsz;
};

static void
grow(void *arrayp, size_t *capp, size_t need, size_t elemsize)
{
	void **array = arrayp;
	size_t cap = *capp;

	if (need <= cap)
		return;
	while (cap < need)
		cap = cap ? cap * 2 : 64;
	if ((*array = realloc(*array, cap * elemsize)) == NULL)
		rumpuser__fatal("dl_bootstrap: out of memory");
	*capp = cap;
}

static bool
is_mapped(const struct dl_phdr_info *info, uintptr_t addr)
{
	uintptr_t lo;
	int i;

	for (i = 0; i < info->dlpi_phnum; i++) {
		if (info->dlpi_phdr[i].p_type != PT_LOAD)
			continue;
		lo = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
		if (addr >= lo && addr - lo < info->dlpi_phdr[i].p_memsz)
			return true;
	}
	return false;
}

/* Some loaders relocate d_ptr in place, others leave it base-relative. */
static const void *
dynptr(const struct dl_phdr_info *info, ElfW(Addr) ptr)
{

	if (is_mapped(info, ptr))
		return (const void *)ptr;
	if (is_mapped(info, info->dlpi_addr + ptr))
		return (const void *)(info->dlpi_addr + ptr);
	return NULL;
}

static size_t
nsyms_from_gnuhash(const uint32_t *gh)
{
	uint32_t nbuckets = gh[0], symoffset = gh[1], bloomsize = gh[2];
	const uint32_t *buckets, *chain;
	uint32_t i, last = 0;

	buckets = (const uint32_t *)((const ElfW(Addr) *)&gh[4] + bloomsize);
	chain = buckets + nbuckets;
	for (i = 0; i < nbuckets; i++)
		if (buckets[i] > last)
			last = buckets[i];
	if (last < symoffset)
		return symoffset;
	/* The last chain entry of a bucket has its low bit set. */
	while ((chain[last - symoffset] & 1) == 0)
		last++;
	return (size_t)last + 1;
}

static const ElfW(Dyn) *
find_dynamic(const struct dl_phdr_info *info)
{
	int i;

	for (i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
			return (const ElfW(Dyn) *)(info->dlpi_addr +
			    info->dlpi_phdr[i].p_vaddr);
	return NULL;
}

static bool
objsyms_get(const struct dl_phdr_info *info, struct objsyms *os)
{
	const uint32_t *hash = NULL, *gnuhash = NULL;
	const ElfW(Dyn) *dyn;

	memset(os, 0, sizeof(*os));
	os->info = info;
	if ((dyn = find_dynamic(info)) == NULL)
		return false;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		switch (dyn->d_tag) {
		case DT_SYMTAB:
			os->symtab = dynptr(info, dyn->d_un.d_ptr);
			break;
		case DT_STRTAB:
			os->strtab = dynptr(info, dyn->d_un.d_ptr);
			break;
		case DT_STRSZ:
			os->strsz = dyn->d_un.d_val;
			break;
		case DT_HASH:
			hash = dynptr(info, dyn->d_un.d_ptr);
			break;
		case DT_GNU_HASH:
			gnuhash = dynptr(info, dyn->d_un.d_ptr);
			break;
		}
	}
	if (hash != NULL)
		os->nsyms = hash[1];
	else if (gnuhash != NULL)
		os->nsyms = nsyms_from_gnuhash(gnuhash);
	return os->symtab != NULL && os->strtab != NULL && os->nsyms > 0;
}

/* The name of a defined symbol, or NULL. */
static const char *
defined_name(const struct objsyms *os, size_t i)
{
	const ElfW(Sym) *sym = &os->symtab[i];

	if (sym->st_shndx == SHN_UNDEF || sym->st_name >= os->strsz)
		return NULL;
	return os->strtab + sym->st_name;
}

static uintptr_t
symaddr(const struct objsyms *os, size_t i)
{
	const ElfW(Sym) *sym = &os->symtab[i];

	if (sym->st_shndx == SHN_ABS)
		return sym->st_value;
	return os->info->dlpi_addr + sym->st_value;
}

static bool
is_kernel_name(const char *name)
{

	return strncmp(name, "rump", 4) == 0 || strncmp(name, "RUMP", 4) == 0;
}

static bool
is_exported_name(const char *name)
{

	return is_kernel_name(name) || strncmp(name, "__", 2) == 0;
}

static void
add_linkset(struct dlwalk *w, enum linkset_kind kind, uintptr_t start,
    uintptr_t stop)
{
	struct linkset *ls;

	if (start == 0 || stop <= start)
		return;
	grow(&w->sets, &w->setcap, w->nsets + 1, sizeof(*w->sets));
	ls = &w->sets[w->nsets++];
	ls->kind = kind;
	ls->start = (void **)start;
	ls->count = (stop - start) / sizeof(void *);
}

static void
collect_linksets(struct dlwalk *w, const struct objsyms *os)
{
	uintptr_t start[LS_NKINDS] = { 0 }, stop[LS_NKINDS] = { 0 };
	const char *name;
	size_t i;
	int k;

	for (i = 0; i < os->nsyms; i++) {
		if ((name = defined_name(os, i)) == NULL ||
		    strncmp(name, "__st", 4) != 0)
			continue;
		for (k = 0; k < LS_NKINDS; k++) {
			if (strcmp(name, linkset_start[k]) == 0)
				start[k] = symaddr(os, i);
			else if (strcmp(name, linkset_stop[k]) == 0)
				stop[k] = symaddr(os, i);
		}
	}
	for (k = 0; k < LS_NKINDS; k++)
		add_linkset(w, (enum linkset_kind)k, start[k], stop[k]);
}

static bool
defines_kernel_symbols(const struct objsyms *os)
{
	const char *name;
	size_t i;

	for (i = 0; i < os->nsyms; i++)
		if ((name = defined_name(os, i)) != NULL &&
		    is_kernel_name(name))
			return true;
	return false;
}

static size_t
add_string(struct dlwalk *w, const char *s)
{
	size_t len = strlen(s) + 1, off = w->strsz;

	grow(&w->strs, &w->strcap, w->strsz + len, 1);
	memcpy(w->strs + off, s, len);
	w->strsz += len;
	return off;
}

static void
add_symbol(struct dlwalk *w, const ElfW(Sym) *sym, const char *name,
    uintptr_t addr)
{
	ElfW(Sym) *copy;

	grow(&w->syms, &w->symcap, w->nsyms + 1, sizeof(*w->syms));
	copy = &w->syms[w->nsyms++];
	*copy = *sym;
	copy->st_name = (ElfW(Word))add_string(w, name);
	copy->st_value = (ElfW(Addr))addr;
}

static void
collect_symbols(struct dlwalk *w, const struct objsyms *os)
{
	const char *name;
	size_t i;

	if (!defines_kernel_symbols(os))
		return;
	for (i = 0; i < os->nsyms; i++)
		if ((name = defined_name(os, i)) != NULL &&
		    is_exported_name(name))
			add_symbol(w, &os->symtab[i], name, symaddr(os, i));
}

static int
walk_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct dlwalk *w = arg;
	struct objsyms os;

	(void)size;
	if (!objsyms_get(info, &os))
		return 0;
	collect_linksets(w, &os);
	collect_symbols(w, &os);
	return 0;
}

/* ELF tables start with an empty symbol and an empty string. */
static void
dlwalk_init(struct dlwalk *w)
{
	static const ElfW(Sym) nullsym;

	memset(w, 0, sizeof(*w));
	add_symbol(w, &nullsym, "", 0);
}

static void
deliver_modules(const struct dlwalk *w, rump_modinit_fn modinit)
{
	size_t i;

	for (i = 0; i < w->nsets; i++)
		if (w->sets[i].kind == LS_MODULES)
			modinit((const struct modinfo *const *)w->sets[i].start,
			    w->sets[i].count);
}

static void
deliver_components(const struct dlwalk *w, rump_compload_fn compload)
{
	size_t i, j;

	for (i = 0; i < w->nsets; i++)
		if (w->sets[i].kind == LS_COMPONENTS)
			for (j = 0; j < w->sets[i].count; j++)
				compload(w->sets[i].start[j]);
}

static void
deliver_evcnts(const struct dlwalk *w, void (*evcntattach)(struct evcnt *))
{
	size_t i, j;

	for (i = 0; i < w->nsets; i++)
		if (w->sets[i].kind == LS_EVCNTS)
			for (j = 0; j < w->sets[i].count; j++)
				evcntattach(w->sets[i].start[j]);
}

/* ksyms keeps pointing at the tables, so they are never freed. */
static void
deliver_symbols(const struct dlwalk *w, rump_symload_fn symload)
{
	int rv;

	if (w->nsyms <= 1)
		return;
	rv = symload(w->syms, (uint64_t)(w->nsyms * sizeof(*w->syms)),
	    w->strs, (uint64_t)w->strsz);
	if (rv != 0)
		fprintf(stderr, "rumpuser: kernel refused the symbol table "
		    "(error %d)\n", rv);
}

/* Callbacks may be NULL: that kind of information is then not wanted. */
static void
dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, void (*evcntattach)(struct evcnt *))
{
	struct dlwalk w;

	dlwalk_init(&w);
#ifndef __EMSCRIPTEN__	/* wasm: no dynamic linker, nothing was loaded */
	dl_iterate_phdr(walk_object, &w);
#endif
	if (modinit != NULL)
		deliver_modules(&w, modinit);
	if (symload != NULL)
		deliver_symbols(&w, symload);
	if (compload != NULL)
		deliver_components(&w, compload);
	if (evcntattach != NULL)
		deliver_evcnts(&w, evcntattach);
	free(w.sets);
}

#ifdef RUMPUSER_2020
void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{

	dl_bootstrap(modinit, symload, compload, evcntattach);
}
#else
void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload)
{

	dl_bootstrap(modinit, symload, compload, NULL);
}
#endif
