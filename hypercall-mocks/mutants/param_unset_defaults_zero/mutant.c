/*
 * param_unset_defaults_zero -- a parameter nobody set comes back as 0
 * with the value "0" (a port with a default for everything): the kernel
 * takes RUMP_MEMLIMIT, RUMP_THREADS and the rest as configured to 0.
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	int rv = posix_rumpuser_getparam(name, buf, buflen);

	if (rv == 0 || name[0] == '_' || buflen < 2)
		return rv;
	memcpy(buf, "0", 2);
	return 0;
}
