/*
 * form_2020_offered_as_pre2020 -- a library built with RUMPUSER_2020 (its
 * dl_bootstrap takes the evcnt-attach callback as a 4th argument, and it
 * exports mutex_spin_p) offered for pre-2020 kernels, as targets/posix and
 * targets/fiber once were: the kernel passes three arguments, and the
 * library calls whatever sits where the 4th would be.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	posix_rumpuser_dl_bootstrap(modinit, symload, compload, evcntattach);
}
