/*
 * param_ncpu_fixed -- the CPU count is hard-wired to 1: the host's
 * RUMP_NCPU setting is ignored, so a kernel cannot be given more (or a
 * fixed number of) virtual CPUs.
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	if (name == NULL || buf == NULL || strcmp(name, RUMPUSER_PARAM_NCPU) != 0)
		return posix_rumpuser_getparam(name, buf, buflen);
	if (buflen < 2)
		return NB_ERANGE;
	memcpy(buf, "1", 2);
	return 0;
}
