/*
 * param_reserved_enoent -- names in the reserved '_' namespace that the
 * hypervisor does not know get ENOENT like ordinary names, so a kernel
 * asking for a newer mandatory parameter cannot tell it is unsupported
 * and falls back to a default.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	int rv = posix_rumpuser_getparam(name, buf, buflen);

	if (rv == NB_EINVAL && name != NULL && buf != NULL && name[0] == '_')
		return NB_ENOENT;
	return rv;
}
