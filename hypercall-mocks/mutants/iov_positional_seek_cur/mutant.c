/*
 * iov_positional_seek_cur -- a positional call seeks relative to where the
 * descriptor is (SEEK_CUR instead of SEEK_SET) and then transfers: the
 * first call on a fresh descriptor lands right, every later one lands
 * past where the calls before it ended.
 */
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (off != RUMPUSER_IOV_NOSEEK && lseek(fd, (off_t)off, SEEK_CUR) == -1)
		return 22;
	return posix_rumpuser_iovread(fd, ruiov, iovlen, RUMPUSER_IOV_NOSEEK, retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (off != RUMPUSER_IOV_NOSEEK && lseek(fd, (off_t)off, SEEK_CUR) == -1)
		return 22;
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen, RUMPUSER_IOV_NOSEEK, retv);
}
