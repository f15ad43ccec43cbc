/*
 * param_empty_is_missing -- a host parameter set to "" is reported as not
 * set: the host cannot pass an explicitly empty setting to the kernel
 * (RUMP_VERBOSE= to turn something off), which falls back to its default.
 */
#include <stdlib.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *v;

	if (name != NULL && name[0] != '_' && (v = getenv(name)) != NULL &&
	    v[0] == '\0')
		return NB_ENOENT;
	return posix_rumpuser_getparam(name, buf, buflen);
}
