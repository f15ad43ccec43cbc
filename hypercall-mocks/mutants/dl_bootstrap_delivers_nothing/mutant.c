/*
 * dl_bootstrap_delivers_nothing -- dl_bootstrap does not walk the loaded
 * objects at all: modules and components linked into the program are
 * never initialised or attached.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	(void)modinit;
	(void)symload;
	(void)compload;
	(void)evcntattach;
}
