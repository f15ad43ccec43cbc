/*
 * init_any_version -- rumpuser_init never compares the kernel's revision
 * with its own: a kernel of another revision boots and misreads every
 * hypercall instead of being refused.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	(void)version;
	return mutant_init_table(RUMPUSER_VERSION, hyp, NULL, NULL);
}
