/*
 * iov_write_drops_last -- a positional iovwrite of several iovecs writes
 * all but the last one (an off-by-one in the iovec count) and reports what
 * it wrote: gathered writes lose their tail, so a kernel writing a buffer
 * chain to a host file leaves a hole where the last piece belonged.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (iovlen > 1 && off != RUMPUSER_IOV_NOSEEK)
		iovlen--;
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retv);
}
