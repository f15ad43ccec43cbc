/*
 * iov_positional_lseek_readv -- positional iovread/iovwrite are done as
 * lseek(off) then readv/writev, as NetBSD's librumpuser does: two calls,
 * so another thread's lseek on the same descriptor in between moves the
 * transfer to that thread's offset.
 */
#include "mutant.h"
#include "rumpuser_int.h"

#include <sys/uio.h>

#include <errno.h>
#include <unistd.h>

static int
seek_then_transfer(int fd, int iswrite, const struct rumpuser_iovec *ruiov,
    size_t iovlen, int64_t off, size_t *retv)
{
	const struct iovec *iov = (const struct iovec *)ruiov;
	ssize_t n = -1;
	int nlocks, error = 0;

	mutant_unschedule(&nlocks, NULL);
	if (lseek(fd, (off_t)off, SEEK_SET) != -1) {
		do
			n = iswrite ? writev(fd, iov, (int)iovlen) :
			    readv(fd, iov, (int)iovlen);
		while (n == -1 && errno == EINTR);
	}
	if (n == -1)
		error = ET(errno);
	mutant_schedule(nlocks, NULL);
	if (error == 0)
		*retv = (size_t)n;
	return error;
}

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (off == RUMPUSER_IOV_NOSEEK || off < 0 || retv == NULL)
		return posix_rumpuser_iovread(fd, ruiov, iovlen, off, retv);
	return seek_then_transfer(fd, 0, ruiov, iovlen, off, retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	if (off == RUMPUSER_IOV_NOSEEK || off < 0 || retv == NULL)
		return posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retv);
	return seek_then_transfer(fd, 1, ruiov, iovlen, off, retv);
}
