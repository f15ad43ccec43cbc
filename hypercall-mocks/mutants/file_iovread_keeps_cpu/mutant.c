/*
 * file_iovread_keeps_cpu -- iovread calls readv/preadv straight away,
 * holding the virtual CPU: a read that waits (a pipe, a FIFO, a slow
 * device) keeps every other kernel thread, the clock included, off that
 * CPU until data arrives.
 */
#include <sys/uio.h>

#include <errno.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	const struct iovec *iov = (const struct iovec *)ruiov;
	ssize_t n;

	do {
		n = off == RUMPUSER_IOV_NOSEEK ? readv(fd, iov, (int)iovlen) :
		    preadv(fd, iov, (int)iovlen, off);
	} while (n == -1 && errno == EINTR);
	if (n == -1)
		return posix_rumpuser_component_errtrans(errno);
	*retv = (size_t)n;
	return 0;
}
