/*
 * random_caps_32 -- each call delivers at most 32 bytes (as the NetBSD
 * POSIX hypervisor does): correct, since the kernel loops, but seeding
 * takes many more hypercalls than on the reference.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	return posix_rumpuser_getrandom(buf, buflen > 32 ? 32 : buflen, flags,
	    retp);
}
