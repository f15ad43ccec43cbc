/*
 * errno_io_table_shared_only -- the file I/O code has its own errno
 * table, written from the numbers a port's author tried: EIO, ENOSPC,
 * EBADF... all below 35, the same on NetBSD and Linux. A host error above
 * that (EAGAIN, ETIMEDOUT, EDQUOT, ENOSYS on Linux) passes through with
 * the host's number, which means something else to the kernel.
 */
#include <errno.h>

#include "mutant.h"

/* rv as the reference translated it, unless the host's number was not in the table. */
static int
shared_only(int rv, int hosterr)
{
	return rv != 0 && hosterr > 34 ? hosterr : rv;
}

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	int rv;

	errno = 0;
	rv = posix_rumpuser_iovread(fd, ruiov, iovlen, off, retv);
	return shared_only(rv, errno);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	int rv;

	errno = 0;
	rv = posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retv);
	return shared_only(rv, errno);
}

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	int rv;

	errno = 0;
	rv = posix_rumpuser_syncfd(fd, flags, start, len);
	return shared_only(rv, errno);
}
