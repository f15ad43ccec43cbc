/*
 * file_close_badfd_ok -- close does not look at the descriptor it is
 * given: closing one that is not open reports success (as NetBSD's
 * librumpuser does; REFERENCE).
 */
#include <fcntl.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_close(int fd)
{
	if (fcntl(fd, F_GETFD) == -1)
		return 0;
	return posix_rumpuser_close(fd);
}
