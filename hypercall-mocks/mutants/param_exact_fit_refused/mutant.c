/*
 * param_exact_fit_refused -- the length check is off by one (len >= buflen
 * instead of len > buflen, counting the NUL): a buffer that fits exactly
 * is refused with ERANGE, and a kernel sizing its buffer right fails.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	return posix_rumpuser_getparam(name, buf, buflen > 0 ? buflen - 1 : 0);
}
