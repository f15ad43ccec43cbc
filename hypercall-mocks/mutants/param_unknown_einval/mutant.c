/*
 * param_unknown_einval -- an unknown ordinary name fails with EINVAL (22)
 * instead of NetBSD's ENOENT (2): the kernel still sees a failure, but
 * the error differs from NetBSD's librumpuser (REFERENCE).
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	int rv = posix_rumpuser_getparam(name, buf, buflen);

	return rv == NB_ENOENT ? NB_EINVAL : rv;
}
