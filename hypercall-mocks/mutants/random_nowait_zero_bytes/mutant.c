/*
 * random_nowait_zero_bytes -- a NOWAIT request that the pool cannot serve
 * at once (here: every one) succeeds with zero bytes instead of failing;
 * the kernel's entropy loop then spins on it forever.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	if (flags & RUMPUSER_RANDOM_NOWAIT) {
		*retp = 0;
		return 0;
	}
	return posix_rumpuser_getrandom(buf, buflen, flags, retp);
}
