/*
 * param_ncpu_binary -- NCPU comes back as a binary int in the buffer
 * instead of a decimal string: the kernel's strtoll reads 0 (or garbage)
 * and rump_init panics for want of CPUs.
 */
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char value[64];
	int ncpu, rv;

	if (strcmp(name, RUMPUSER_PARAM_NCPU) != 0 || buflen < sizeof(ncpu))
		return posix_rumpuser_getparam(name, buf, buflen);
	if ((rv = posix_rumpuser_getparam(name, value, sizeof(value))) != 0)
		return rv;
	ncpu = atoi(value);
	memcpy(buf, &ncpu, sizeof(ncpu));
	return 0;
}
