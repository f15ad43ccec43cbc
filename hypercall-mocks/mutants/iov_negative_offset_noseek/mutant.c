/*
 * iov_negative_offset_noseek -- any negative offset is taken for
 * RUMPUSER_IOV_NOSEEK (a port testing off < 0 instead of off == -1): a
 * corrupt offset reads or writes at the descriptor's current position
 * and reports success, instead of being refused.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovread(fd, ruiov, iovlen, off < 0 ? RUMPUSER_IOV_NOSEEK : off,
	    retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen, off < 0 ? RUMPUSER_IOV_NOSEEK : off,
	    retv);
}
