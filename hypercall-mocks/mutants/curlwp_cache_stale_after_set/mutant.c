/*
 * curlwp_cache_stale_after_set -- curlwp() keeps a per-thread cache of its
 * answer that only CLEAR invalidates: a thread that asked before it was
 * bound keeps seeing NULL after SET, and the kernel runs that thread
 * believing it has no lwp.
 */
#include "mutant.h"

static __thread int cache_valid;
static __thread struct lwp *cache;

MUTANT_EXPORT void
rumpuser_curlwpop(int op, struct lwp *l)
{
	posix_rumpuser_curlwpop(op, l);
	if (op == RUMPUSER_LWP_CLEAR)
		cache_valid = 0;
}

MUTANT_EXPORT struct lwp *
rumpuser_curlwp(void)
{
	if (!cache_valid) {
		cache = posix_rumpuser_curlwp();
		cache_valid = 1;
	}
	return cache;
}
