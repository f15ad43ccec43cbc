/*
 * proc_daemonize_stdio_kept -- daemonize_done(0) reports success but the
 * daemon keeps its standard input, output and error: the porter left out
 * the step that points them at /dev/null, so the daemon still writes to
 * the terminal or the supervisor's pipe.
 */
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_daemonize_done(int error)
{
	int saved[3], fd, rv;

	for (fd = 0; fd < 3; fd++)
		saved[fd] = dup(fd);
	rv = posix_rumpuser_daemonize_done(error);
	for (fd = 0; fd < 3; fd++) {
		if (saved[fd] == -1)
			continue;
		dup2(saved[fd], fd);
		close(saved[fd]);
	}
	return rv;
}
