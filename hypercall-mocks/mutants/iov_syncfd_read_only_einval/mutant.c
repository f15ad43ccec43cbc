/*
 * iov_syncfd_read_only_einval -- syncfd accepts only requests that include
 * WRITE and refuses READ alone with EINVAL (22): the kernel's read syncs
 * (cache invalidation before reading shared media) fail.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	if ((flags & RUMPUSER_SYNCFD_BOTH) == RUMPUSER_SYNCFD_READ)
		return 22;	/* NetBSD EINVAL */
	return posix_rumpuser_syncfd(fd, flags, start, len);
}
