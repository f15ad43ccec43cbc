/*
 * param_hostname_without_host -- the instance name is "rump-<pid>" only:
 * the porter's gethostname test took the fallback always, so kernels on
 * different machines that happen to share a pid share a name.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mutant.h"

#define NB_ERANGE	34

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char value[32];
	size_t len;

	if (name == NULL || buf == NULL || strcmp(name, RUMPUSER_PARAM_HOSTNAME) != 0)
		return posix_rumpuser_getparam(name, buf, buflen);
	snprintf(value, sizeof(value), "rump-%d", (int)getpid());
	len = strlen(value) + 1;
	if (len > buflen)
		return NB_ERANGE;
	memcpy(buf, value, len);
	return 0;
}
