/*
 * iov_badfd_einval -- iovread and iovwrite check their arguments first and
 * call a negative descriptor invalid (EINVAL, 22) rather than bad (EBADF,
 * 9): the kernel, which maps EBADF to "the host file went away", takes
 * it for a bug in its own request instead.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (fd < 0)
		return 22;	/* NetBSD EINVAL */
	return posix_rumpuser_iovread(fd, ruiov, iovlen, off, retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (fd < 0)
		return 22;	/* NetBSD EINVAL */
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retv);
}
