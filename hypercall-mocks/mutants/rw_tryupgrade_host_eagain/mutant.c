/*
 * rw_tryupgrade_host_eagain -- a refused tryupgrade returns the host's
 * EAGAIN (11 on Linux) untranslated, as a port built on a host "try"
 * primitive that fails with EAGAIN does, instead of NetBSD EBUSY (16).
 */
#include "mutant.h"

#define LINUX_EAGAIN	11

MUTANT_EXPORT int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
	return posix_rumpuser_rw_tryupgrade(rw) == 0 ? 0 : LINUX_EAGAIN;
}
