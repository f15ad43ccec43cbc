/*
 * dl_callbacks_without_cpu -- the loader walk is treated as slow host work
 * and done off the virtual CPU, but the callbacks into the kernel are made
 * before the CPU is taken back.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	int nlocks;

	mutant_unschedule(&nlocks, NULL);
	posix_rumpuser_dl_bootstrap(modinit, symload, compload, evcntattach);
	mutant_schedule(nlocks, NULL);
}
