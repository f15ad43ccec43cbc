/*
 * init_accepts_newer -- rumpuser_init takes any revision from its own up
 * as compatible ("newer kernels only add calls"): a revision 18 kernel
 * boots and misreads every hypercall whose meaning changed.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	return posix_rumpuser_init(version >= RUMPUSER_VERSION ?
	    RUMPUSER_VERSION : version, hyp);
}
