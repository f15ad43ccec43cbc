/*
 * param_hostname_changes -- the instance name is made up afresh on each
 * call (a counter appended): the kernel's hostname and anything keyed on
 * it (shmif bus names, logs) no longer identify one instance.
 */
#include <stdio.h>
#include <string.h>

#include "mutant.h"

static unsigned calls;

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char value[64];
	size_t len;

	if (name == NULL || buf == NULL ||
	    strcmp(name, RUMPUSER_PARAM_HOSTNAME) != 0)
		return posix_rumpuser_getparam(name, buf, buflen);
	snprintf(value, sizeof(value), "rump-%u",
	    __atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED));
	if ((len = strlen(value) + 1) > buflen)
		return NB_ERANGE;
	memcpy(buf, value, len);
	return 0;
}
