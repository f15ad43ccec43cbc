/*
 * dl_symbols_host_libs -- the symbol table handed to symload also carries
 * the host C library's entry points: the porter's filter keeps every
 * dynamic symbol the loader resolves for the process, not only the
 * kernel's rump*, RUMP* and __* names.
 */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

static rump_symload_fn real_symload;

/* Host functions whose symbols the broken filter lets through. */
static void *const host_funcs[] = {
	(void *)malloc, (void *)free, (void *)memcpy, (void *)printf, (void *)fopen,
};
#define NHOST (sizeof(host_funcs) / sizeof(host_funcs[0]))

static int
symload_with_host_libs(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	size_t nsym = symsize / sizeof(ElfW(Sym)), strsz = strsize, i;
	ElfW(Sym) *syms = malloc((nsym + NHOST) * sizeof(*syms));
	char *strs = malloc(strsize + NHOST * 256);
	Dl_info info;

	if (syms == NULL || strs == NULL)
		return real_symload(symtab, symsize, strtab, strsize);
	memcpy(syms, symtab, nsym * sizeof(*syms));
	memcpy(strs, strtab, strsize);
	for (i = 0; i < NHOST; i++) {
		if (dladdr(host_funcs[i], &info) == 0 || info.dli_sname == NULL ||
		    strlen(info.dli_sname) >= 256)
			continue;
		memset(&syms[nsym], 0, sizeof(syms[nsym]));
		syms[nsym].st_name = (ElfW(Word))strsz;
		syms[nsym].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
		syms[nsym].st_shndx = 1;
		syms[nsym].st_value = (ElfW(Addr))info.dli_saddr;
		nsym++;
		strcpy(strs + strsz, info.dli_sname);
		strsz += strlen(info.dli_sname) + 1;
	}
	/* ksyms keeps the tables: never freed, as the reference's are not. */
	return real_symload(syms, nsym * sizeof(*syms), strs, strsz);
}

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	real_symload = symload;
	posix_rumpuser_dl_bootstrap(modinit, symload != NULL ?
	    symload_with_host_libs : NULL, compload, evcntattach);
}
