/*
 * param_ncpu_setting_verbatim -- _RUMPUSER_NCPU is whatever RUMP_NCPU
 * holds, unchecked: a setting of "0" or "abc" reaches the kernel, which
 * panics at bootstrap for want of a CPU.
 */
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *env = getenv("RUMP_NCPU");

	if (strcmp(name, RUMPUSER_PARAM_NCPU) != 0 || env == NULL ||
	    strcmp(env, "host") == 0)
		return posix_rumpuser_getparam(name, buf, buflen);
	if (strlen(env) >= buflen)
		return 34;	/* NetBSD ERANGE */
	strcpy(buf, env);
	return 0;
}
