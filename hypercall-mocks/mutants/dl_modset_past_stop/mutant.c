/*
 * dl_modset_past_stop -- the module link set's bounds are off by one (the
 * count taken as __stop - __start + 1): modinit gets an extra entry, here
 * a NULL, which the kernel dereferences at boot.
 */
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

static rump_modinit_fn real_modinit;

static void
modinit_one_more(const struct modinfo *const *mi, size_t n)
{
	const struct modinfo **more = calloc(n + 1, sizeof(*more));

	if (more == NULL) {
		real_modinit(mi, n);
		return;
	}
	memcpy(more, mi, n * sizeof(*more));
	real_modinit(more, n + 1);	/* more[n] is NULL */
	/* the kernel may keep the array: it is never freed */
}

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	real_modinit = modinit;
	posix_rumpuser_dl_bootstrap(modinit != NULL ? modinit_one_more : NULL,
	    symload, compload, evcntattach);
}
