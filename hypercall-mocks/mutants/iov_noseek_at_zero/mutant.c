/*
 * iov_noseek_at_zero -- RUMPUSER_IOV_NOSEEK is taken as a position (0)
 * rather than "use the file offset": every sequential write lands at the
 * start of the file and every sequential read repeats the first bytes, so
 * streams repeat or overwrite data.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovread(fd, ruiov, iovlen,
	    off == RUMPUSER_IOV_NOSEEK ? 0 : off, retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen,
	    off == RUMPUSER_IOV_NOSEEK ? 0 : off, retv);
}
