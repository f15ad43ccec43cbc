/*
 * dl_callbacks_on_helper -- the loader walk runs on a helper host thread
 * (joined before dl_bootstrap returns): the callbacks run without the
 * booting thread's lwp and CPU, so the kernel's module and component
 * initialisation runs outside its own context.
 */
#include "mutant.h"

struct dl_args {
	rump_modinit_fn modinit;
	rump_symload_fn symload;
	rump_compload_fn compload;
	rump_evcntattach_fn evcntattach;
};

static void *
walk(void *v)
{
	struct dl_args *a = v;

	posix_rumpuser_dl_bootstrap(a->modinit, a->symload, a->compload,
	    a->evcntattach);
	return NULL;
}

MUTANT_EXPORT void
rumpuser_dl_bootstrap(rump_modinit_fn modinit, rump_symload_fn symload,
    rump_compload_fn compload, rump_evcntattach_fn evcntattach)
{
	struct dl_args a = { modinit, symload, compload, evcntattach };
	pthread_t t;

	if (pthread_create(&t, NULL, walk, &a) != 0) {
		walk(&a);
		return;
	}
	pthread_join(t, NULL);
}
