/*
 * dl_symbols_unrelocated -- the symbol table handed to symload carries
 * each symbol's link-time value, as read from its object's own table: the
 * object's load address is never added, so every address ksyms learns is
 * off by the load base of a position-independent object.
 */
#include <dlfcn.h>
#include <link.h>

#include "mutant.h"

static rump_symload_fn real_symload;

static int
symload_unrelocated(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	ElfW(Sym) *sym = symtab;
	size_t i;
	Dl_info info;

	for (i = 0; i < symsize / sizeof(*sym); i++)
		if (sym[i].st_value != 0 &&
		    dladdr((void *)sym[i].st_value, &info) != 0)
			sym[i].st_value -= (ElfW(Addr))info.dli_fbase;
	return real_symload(symtab, symsize, strtab, strsize);
}

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	real_symload = symload;
	posix_rumpuser_dl_bootstrap(modinit, symload != NULL ?
	    symload_unrelocated : NULL, compload, evcntattach);
}
