/*
 * dl_strtab_unterminated -- the string table size handed to symload
 * leaves out the final NUL (strlen instead of the table size): ksyms
 * parses the last name past the end of the table.
 *
 * If the reference finds no kernel symbols to deliver, the mutant hands
 * over a one-symbol table of its own with the same mistake.
 */
#include <elf.h>
#include <link.h>
#include <string.h>

#include "mutant.h"

static rump_symload_fn real_symload;
static int symload_calls;

static int
symload_short(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	symload_calls++;
	return real_symload(symtab, symsize, strtab, strsize - 1);
}

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	static ElfW(Sym) syms[2];
	static char strs[] = "\0rumpns_rumpcheck";

	real_symload = symload;
	symload_calls = 0;
	posix_rumpuser_dl_bootstrap(modinit, symload != NULL ? symload_short :
	    NULL, compload, evcntattach);
	if (symload != NULL && symload_calls == 0) {
		syms[1].st_name = 1;
		symload(syms, sizeof(syms), strs, sizeof(strs) - 1);
	}
}
