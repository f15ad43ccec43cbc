/*
 * proc_daemonize_done_returns_count -- daemonize_done passes on what the
 * send of the status returned, the number of bytes sent, where 0 belongs:
 * rump_daemonize_done takes the 4 for an error after a good start.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_daemonize_done(int error)
{
	int rv = posix_rumpuser_daemonize_done(error);

	return rv == 0 ? (int)sizeof(error) : rv;
}
