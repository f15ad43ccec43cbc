/*
 * dl_symbols_rumpns_only -- the symbol table handed to symload keeps only
 * names starting with rumpns_ (the prefix a rump kernel's renamed symbols
 * carry): the kernel's RUMP* names and the __start_/__stop_ link-set
 * bounds are filtered out with the host's symbols.
 */
#include <link.h>
#include <string.h>

#include "mutant.h"

static rump_symload_fn real_symload;

static int
symload_rumpns_only(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	ElfW(Sym) *sym = symtab;
	size_t n = symsize / sizeof(*sym), i, kept = 0;

	for (i = 0; i < n; i++) {
		const char *name = sym[i].st_name < strsize ? strtab + sym[i].st_name : "";

		/* The first entry is ELF's empty symbol: it stays. */
		if (i == 0 || strncmp(name, "rumpns_", 7) == 0)
			sym[kept++] = sym[i];
	}
	return real_symload(symtab, kept * sizeof(*sym), strtab, strsize);
}

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	real_symload = symload;
	posix_rumpuser_dl_bootstrap(modinit, symload != NULL ?
	    symload_rumpns_only : NULL, compload, evcntattach);
}
