/*
 * init_aborts_on_mismatch -- rumpuser_init meets a kernel of another
 * revision with a message and abort(), as NetBSD's POSIX and fiber
 * hypervisors do, instead of returning an error the kernel can report.
 */
#include "mutant.h"

#include <stdio.h>
#include <stdlib.h>

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	if (version != RUMPUSER_VERSION) {
		fprintf(stderr, "rumpuser: unsupported hypercall revision %d\n", version);
		abort();
	}
	return posix_rumpuser_init(version, hyp);
}
