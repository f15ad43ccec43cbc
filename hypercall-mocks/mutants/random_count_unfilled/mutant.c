/*
 * random_count_unfilled -- getrandom fills only the first half of the
 * buffer (a short host read it does not loop on) but reports the whole
 * length: the kernel seeds its generator with stale bytes.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	int rv;

	if (buflen < 2)
		return posix_rumpuser_getrandom(buf, buflen, flags, retp);
	if ((rv = posix_rumpuser_getrandom(buf, buflen / 2, flags, retp)) != 0)
		return rv;
	*retp = buflen;
	return 0;
}
