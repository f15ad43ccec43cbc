/*
 * iov_count_narrowed -- iovread and iovwrite hand the kernel's size_t
 * iovec count to the host as its int iovcnt first and check only what is
 * left (a port whose host readv/writev take an int): a count of 2^32 + 1
 * becomes 1 and moves one iovec's bytes with success, where the call names
 * more iovecs than any host takes and must fail.
 */
#include "mutant.h"

/* What a 32-bit int keeps of the count. */
static size_t
narrowed(size_t iovlen)
{
	return (size_t)(unsigned int)iovlen;
}

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovread(fd, ruiov, narrowed(iovlen), off, retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovwrite(fd, ruiov, narrowed(iovlen), off, retv);
}
