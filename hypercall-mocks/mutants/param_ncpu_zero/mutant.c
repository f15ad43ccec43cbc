/*
 * param_ncpu_zero -- the CPU count is reported as "0" (a count of
 * additional CPUs, or an unset variable read as zero): the kernel panics
 * at bootstrap when it cannot have at least one CPU.
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
	memcpy(buf, "0", 2);
	return 0;
}
