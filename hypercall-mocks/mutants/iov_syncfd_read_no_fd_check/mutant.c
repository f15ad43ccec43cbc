/*
 * iov_syncfd_read_no_fd_check -- a READ-only syncfd has nothing to flush,
 * so it returns 0 at once without checking the descriptor: a sync on a
 * closed (or never opened) descriptor reports success.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	if ((flags & RUMPUSER_SYNCFD_BOTH) == RUMPUSER_SYNCFD_READ)
		return 0;
	return posix_rumpuser_syncfd(fd, flags, start, len);
}
