/*
 * random_blocking_zero_bytes -- getrandom without NOWAIT reports success
 * with 0 bytes: the kernel's entropy collection loops on short counts and
 * would spin forever on this hypervisor.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	if (!(flags & RUMPUSER_RANDOM_NOWAIT)) {
		*retp = 0;
		return 0;
	}
	return posix_rumpuser_getrandom(buf, buflen, flags, retp);
}
