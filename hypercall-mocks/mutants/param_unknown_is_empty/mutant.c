/*
 * param_unknown_is_empty -- a name the host does not set is returned as
 * "" with success instead of ENOENT: the kernel uses an empty value
 * (RUMP_MEMLIMIT "" = 0 bytes) instead of its default.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	int rv = posix_rumpuser_getparam(name, buf, buflen);

	if (rv == NB_ENOENT && buflen > 0) {
		((char *)buf)[0] = '\0';
		rv = 0;
	}
	return rv;
}
