/*
 * param_ncpu_read_as_octal -- RUMP_NCPU is parsed with the C prefix rules
 * (strtol base 0): "010" asks for 8 CPUs and "0x10" for 16, instead of a
 * plain decimal count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *env = getenv("RUMP_NCPU");
	char *end;
	long n;

	if (strcmp(name, RUMPUSER_PARAM_NCPU) != 0 || env == NULL)
		return posix_rumpuser_getparam(name, buf, buflen);
	n = strtol(env, &end, 0);
	if (end == env || *end != '\0' || n < 1 || n > 0x7fff)
		return posix_rumpuser_getparam(name, buf, buflen);
	if ((size_t)snprintf(buf, buflen, "%ld", n) >= buflen)
		return 34;	/* NetBSD ERANGE */
	return 0;
}
