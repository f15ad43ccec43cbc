/*
 * iov_syncfd_accepts_no_direction -- syncfd does not validate its flags:
 * a request with neither READ nor WRITE (flags 0, or BARRIER alone)
 * succeeds without doing anything.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	if ((flags & RUMPUSER_SYNCFD_BOTH) == 0)
		return 0;
	return posix_rumpuser_syncfd(fd, flags, start, len);
}
