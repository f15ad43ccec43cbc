/*
 * form_pre2020_offered_as_2020 -- a library built without RUMPUSER_2020
 * (three-argument dl_bootstrap; exports.map hides mutex_spin_p) offered
 * for 2020 kernels: their evcnt-attach callback is never called and their
 * mutex_spin_p calls find nothing.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	posix_rumpuser_dl_bootstrap(modinit, symload, compload, NULL);
}
