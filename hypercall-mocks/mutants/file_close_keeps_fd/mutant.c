/*
 * file_close_keeps_fd -- close reports success and releases nothing: a
 * long-running kernel leaks a host descriptor per file it ever opened.
 */
#include <fcntl.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_close(int fd)
{
	if (fcntl(fd, F_GETFD) == -1)
		return 9;	/* NetBSD EBADF */
	posix_rumpuser_syncfd(fd, RUMPUSER_SYNCFD_WRITE, 0, 0);
	return 0;
}
