/*
 * abi_iov_offset_32bit -- the offset of positional iovread/iovwrite goes
 * through a 32-bit type somewhere (long or off_t on a 32-bit build without
 * _FILE_OFFSET_BITS=64): I/O beyond 4 GiB lands at the start of the file.
 */
#include "mutant.h"

static int64_t
cut(int64_t off)
{
	return off < 0 ? off : (int64_t)(uint32_t)off;
}

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovread(fd, ruiov, iovlen, cut(off), retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen, cut(off), retv);
}
