/*
 * param_copies_before_check -- the value is strcpy'd into the caller's
 * buffer first and its length checked afterwards: ERANGE is returned as it
 * should be, but the value and its NUL have already overrun the buffer
 * (the kernel's stack, at bootstrap).
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char whole[4096];
	int rv = posix_rumpuser_getparam(name, buf, buflen);

	if (rv == 34 && buflen > 0 &&
	    posix_rumpuser_getparam(name, whole, sizeof(whole)) == 0)
		strcpy(buf, whole);
	return rv;
}
