/*
 * proc_daemonize_done_unchecked -- daemonize_done reports success when no
 * daemonize_begin is pending instead of ENOENT, hiding the misuse (and,
 * in a real hypervisor, acting on a stale pipe).
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_daemonize_done(int error)
{
	int rv = posix_rumpuser_daemonize_done(error);

	return rv == NB_ENOENT ? 0 : rv;
}
