/*
 * iov_syncfd_no_barrier -- syncfd ignores BARRIER and returns while bios
 * issued earlier on the fd are still in flight: the ordering journal
 * commits rely on is not kept.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	if ((flags & RUMPUSER_SYNCFD_BOTH) == 0)
		return posix_rumpuser_syncfd(fd, flags, start, len);
	return posix_rumpuser_syncfd(fd, flags & ~RUMPUSER_SYNCFD_BARRIER,
	    start, len);
}
