/*
 * param_requires_exact_size -- getparam insists on a buffer of exactly the
 * value's length plus the NUL (a port that sizes its copy from buflen and
 * refuses anything else with ERANGE): the kernel's 256-byte buffers are
 * refused and rump_init panics for want of NCPU.
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char value[1024];
	int rv = posix_rumpuser_getparam(name, value, sizeof(value));

	if (rv != 0)
		return rv;
	if (buflen != strlen(value) + 1)
		return NB_ERANGE;
	memcpy(buf, value, buflen);
	return 0;
}
