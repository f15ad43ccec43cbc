/*
 * proc_daemonize_done_leaks_null -- daemonize_done opens /dev/null to
 * give the daemon's stdio and never closes that descriptor: the daemon
 * carries it for its whole life.
 */
#include <fcntl.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_daemonize_done(int error)
{
	if (error == 0)
		(void)open("/dev/null", O_RDWR);
	return posix_rumpuser_daemonize_done(error);
}
