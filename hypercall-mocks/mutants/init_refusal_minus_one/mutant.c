/*
 * init_refusal_minus_one -- rumpuser_init refuses another interface
 * revision the C library's way, with -1, instead of with an errno as
 * every hypercall must.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	if (version != RUMPUSER_VERSION)
		return -1;
	return posix_rumpuser_init(version, hyp);
}
