/*
 * iov_read_ignores_offset -- positional iovread reads from the current
 * file position (readv instead of preadv): scattered reads fill the
 * buffers with the wrong part of the file and move the offset.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	(void)off;
	return posix_rumpuser_iovread(fd, ruiov, iovlen, RUMPUSER_IOV_NOSEEK,
	    retv);
}
