/*
 * param_truncates -- getparam copies strlcpy-style: a value too long for
 * the buffer is cut short and reported as success, so the kernel uses a
 * wrong CPU count, memory limit or name.
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char whole[4096];
	int rv;

	rv = posix_rumpuser_getparam(name, buf, buflen);
	if (rv != NB_ERANGE || buflen == 0 ||
	    posix_rumpuser_getparam(name, whole, sizeof(whole)) != 0)
		return rv;
	memcpy(buf, whole, buflen - 1);
	((char *)buf)[buflen - 1] = '\0';
	return 0;
}
