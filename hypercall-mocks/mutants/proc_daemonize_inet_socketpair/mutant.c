/*
 * proc_daemonize_inet_socketpair -- daemonize_begin asks the host for a
 * connected pair of AF_INET stream sockets for its status channel, as a
 * port from a system that pairs them would; Linux pairs only AF_UNIX
 * sockets, so every begin fails (EOPNOTSUPP) and no server can daemonize.
 */
#include <sys/socket.h>

#include <errno.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_daemonize_begin(void)
{
	int sv[2];

	if (socketpair(AF_INET, SOCK_STREAM, 0, sv) != 0)
		return posix_rumpuser_component_errtrans(errno);
	close(sv[0]);
	close(sv[1]);
	return posix_rumpuser_daemonize_begin();
}
