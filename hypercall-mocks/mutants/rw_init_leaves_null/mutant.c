/*
 * rw_init_leaves_null -- rw_init ignores a failed allocation of its own
 * bookkeeping and stores NULL (here: always), so the kernel passes NULL to
 * every later rwlock call.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_init(struct rumpuser_rw **rwp)
{
	*rwp = NULL;
}
