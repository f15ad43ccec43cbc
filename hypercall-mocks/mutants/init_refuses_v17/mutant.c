/*
 * init_refuses_v17 -- rumpuser_init compares the kernel's revision with
 * the one in the header it was built against (18), not with the revision
 * it implements: a v17 kernel is refused and nothing else can run.
 */
#include "mutant.h"

#define HEADER_VERSION	(RUMPUSER_VERSION + 1)

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	if (version != HEADER_VERSION)
		return NB_EINVAL;
	return posix_rumpuser_init(RUMPUSER_VERSION, hyp);
}
