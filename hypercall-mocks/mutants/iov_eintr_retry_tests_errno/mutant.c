/*
 * iov_eintr_retry_tests_errno -- the NOSEEK transfers retry once "when
 * interrupted", judging that by errno alone: a successful readv or writev
 * leaves errno as it was, so with EINTR left by an earlier host call the
 * transfer that succeeded is done again (written twice, or the next bytes
 * read over the first).
 */
#include <sys/uio.h>

#include <errno.h>

#include "mutant.h"

static int
transfer(int fd, int write, struct rumpuser_iovec *ruiov, size_t iovlen, size_t *retv)
{
	struct iovec *iov = (struct iovec *)(void *)ruiov;
	void *cookie = posix_rumpuser_component_unschedule();
	ssize_t n;
	int error = 0;

	n = write ? writev(fd, iov, (int)iovlen) : readv(fd, iov, (int)iovlen);
	if (errno == EINTR)	/* interrupted: try again */
		n = write ? writev(fd, iov, (int)iovlen) : readv(fd, iov, (int)iovlen);
	if (n == -1)
		error = rumpuser_component_errtrans(errno);
	else
		*retv = (size_t)n;
	posix_rumpuser_component_schedule(cookie);
	return error;
}

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen, int64_t off,
    size_t *retv)
{
	if (off != RUMPUSER_IOV_NOSEEK)
		return posix_rumpuser_iovread(fd, ruiov, iovlen, off, retv);
	return transfer(fd, 0, ruiov, iovlen, retv);
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen, int64_t off,
    size_t *retv)
{
	if (off != RUMPUSER_IOV_NOSEEK)
		return posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retv);
	return transfer(fd, 1, (struct rumpuser_iovec *)(uintptr_t)ruiov, iovlen, retv);
}
