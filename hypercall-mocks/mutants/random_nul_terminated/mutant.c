/*
 * random_nul_terminated -- the random bytes are copied out like a string,
 * with a terminating NUL after them: a request filled to its exact length
 * writes one byte past the end of the kernel's buffer.
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	int rv = posix_rumpuser_getrandom(buf, buflen, flags, retp);

	if (rv == 0)
		((char *)buf)[*retp] = '\0';
	return rv;
}
