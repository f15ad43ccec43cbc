/*
 * param_short_buffer_einval -- a buffer too short for the value is
 * refused with EINVAL rather than ERANGE: callers that retry with a
 * bigger buffer on ERANGE give up instead.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	int rv = posix_rumpuser_getparam(name, buf, buflen);

	return rv == NB_ERANGE ? NB_EINVAL : rv;
}
