/*
 * iov_positional_moves_offset -- a positional iovread seeks and then reads
 * (lseek + readv, as revision 16 hypervisors did), so it moves the file
 * offset that NOSEEK callers on the same descriptor rely on.
 */
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (off != RUMPUSER_IOV_NOSEEK && lseek(fd, (off_t)off, SEEK_SET) == -1)
		return 22;
	return posix_rumpuser_iovread(fd, ruiov, iovlen, RUMPUSER_IOV_NOSEEK, retv);
}
