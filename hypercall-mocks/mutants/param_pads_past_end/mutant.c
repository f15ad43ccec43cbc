/*
 * param_pads_past_end -- the value is NUL-padded to the end of the
 * buffer (so no stale bytes leak to the kernel), with an off-by-one
 * bound: the pad writes one byte past the buffer it was given.
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char *b = buf;
	size_t i;
	int rv = posix_rumpuser_getparam(name, buf, buflen);

	if (rv == 0)
		for (i = strlen(b); i <= buflen; i++)
			b[i] = '\0';
	return rv;
}
