/*
 * iov_fixed_iovec_array -- the iovecs are copied into a fixed host array
 * of UIO_SMALLIOV (16) entries and only those are transferred: a longer
 * vector moves a short count, silently.
 */
#include "mutant.h"

#define HOST_IOVS	16

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen, int64_t off,
    size_t *retv)
{
	return posix_rumpuser_iovread(fd, ruiov, iovlen > HOST_IOVS ? HOST_IOVS : iovlen,
	    off, retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen > HOST_IOVS ? HOST_IOVS : iovlen,
	    off, retv);
}
