/*
 * proc_daemonize_einprogress_host -- the second daemonize_begin returns
 * the host's EINPROGRESS (115 on Linux) instead of NetBSD's 36: the
 * kernel sees an unknown error number.
 */
#include "mutant.h"

#define LINUX_EINPROGRESS	115

MUTANT_EXPORT int
rumpuser_daemonize_begin(void)
{
	int rv = posix_rumpuser_daemonize_begin();

	return rv == NB_EINPROGRESS ? LINUX_EINPROGRESS : rv;
}
