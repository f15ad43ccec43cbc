/*
 * param_ncpu_atoi -- RUMP_NCPU is read with atoi and clamped to at least
 * one CPU: "4cpus" gives 4 and "abc" gives 1, a count nobody asked for,
 * where an unusable setting should be ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *env = getenv("RUMP_NCPU");
	int n;

	if (strcmp(name, RUMPUSER_PARAM_NCPU) != 0 || env == NULL ||
	    strcmp(env, "host") == 0)
		return posix_rumpuser_getparam(name, buf, buflen);
	if ((n = atoi(env)) < 1)
		n = 1;
	if ((size_t)snprintf(buf, buflen, "%d", n) >= buflen)
		return 34;	/* NetBSD ERANGE */
	return 0;
}
