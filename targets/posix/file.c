/*
 * file.c -- open, close, file information, scatter-gather I/O and syncfd.
 * Names are host paths. Block I/O itself is in bio.c, the host side of
 * getfileinfo in hostfile.c.
 */
#include "rumpuser_int.h"

#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

_Static_assert(sizeof(struct rumpuser_iovec) == sizeof(struct iovec),
    "rumpuser_iovec must match the host iovec");
_Static_assert(offsetof(struct rumpuser_iovec, iov_len) ==
    offsetof(struct iovec, iov_len), "rumpuser_iovec must match the host iovec");

#define SYNCFD_KNOWN	(RUMPUSER_SYNCFD_BOTH | RUMPUSER_SYNCFD_BARRIER | \
			 RUMPUSER_SYNCFD_SYNC)

/*
 * A second descriptor on the same file with O_DIRECT, for bios that meet
 * its alignment; -1 where the medium (or /proc) does not allow it.
 */
static int
open_direct(int fd, int mode)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return open(path, (rumpuser__open_hostflags(mode) & ~(O_CREAT | O_EXCL)) | O_DIRECT);
}

int
rumpuser_open(const char *name, int mode, int *fdp)
{
	int flags = rumpuser__open_hostflags(mode), fd, nlocks, error = 0;

	if (flags == -1 || name == NULL || fdp == NULL)
		return NB_EINVAL;
	rumpuser__unschedule(&nlocks, NULL);
	if ((fd = open(name, flags, 0644)) == -1)
		error = ET(errno);
	else if (mode & RUMPUSER_OPEN_BIO)
		rumpuser__bio_adopt(fd, open_direct(fd, mode));
	rumpuser__schedule(nlocks, NULL);
	if (error == 0)
		*fdp = fd;
	return error;
}

/* Flush what the file has cached, then close it; always release the fd. */
int
rumpuser_close(int fd)
{
	int nlocks, directfd, error = 0;

	rumpuser__unschedule(&nlocks, NULL);
	if (fcntl(fd, F_GETFD) == -1) {
		error = ET(errno);
	} else {
		directfd = rumpuser__bio_release(fd);
		fsync(fd);	/* fails harmlessly on pipes and devices */
		if (directfd != -1)
			close(directfd);
		if (close(fd) == -1 && errno != EINTR)
			error = ET(errno);
	}
	rumpuser__schedule(nlocks, NULL);
	return error;
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	uint64_t sz;
	int ft, error;

	if (name == NULL)
		return NB_EINVAL;
	if ((error = rumpuser__fileinfo(name, size != NULL ? &sz : NULL,
	    &ft)) != 0)
		return ET(error);
	if (size != NULL)
		*size = sz;
	if (type != NULL)
		*type = ft;
	return 0;
}

/* Positional when off >= 0; NOSEEK uses (and moves) the file offset. */
static ssize_t
iov_transfer(int fd, int iswrite, const struct rumpuser_iovec *ruiov,
    size_t iovlen, int64_t off)
{
	const struct iovec *iov = (const struct iovec *)ruiov;
	ssize_t n;

	do
		n = rumpuser__host_iov(fd, iswrite, iov, (int)iovlen, off);
	while (n == -1 && errno == EINTR);
	return n;
}

static int
iov_call(int fd, int iswrite, const struct rumpuser_iovec *ruiov,
    size_t iovlen, int64_t off, size_t *retv)
{
	ssize_t n;
	int nlocks, error = 0;

	if (off < RUMPUSER_IOV_NOSEEK || iovlen > (size_t)rumpuser__iov_max() ||
	    retv == NULL || (ruiov == NULL && iovlen > 0))
		return NB_EINVAL;
	rumpuser__unschedule(&nlocks, NULL);
	if ((n = iov_transfer(fd, iswrite, ruiov, iovlen, off)) == -1)
		error = ET(errno);
	rumpuser__schedule(nlocks, NULL);
	if (error == 0)
		*retv = (size_t)n;
	return error;
}

int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{

	return iov_call(fd, 0, ruiov, iovlen, off, retv);
}

int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{

	return iov_call(fd, 1, ruiov, iovlen, off, retv);
}

/*
 * READ needs nothing here (no host cache is private to us); BARRIER waits
 * for the fd's bios; WRITE flushes the data, SYNC the metadata too. The
 * range is not used: the host flushes whole files.
 */
int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	int nlocks, rv = 0, error = 0;

	(void)start;
	(void)len;
	if ((flags & ~SYNCFD_KNOWN) || !(flags & RUMPUSER_SYNCFD_BOTH))
		return NB_EINVAL;
	if (fcntl(fd, F_GETFD) == -1)
		return ET(errno);
	rumpuser__unschedule(&nlocks, NULL);
	if (flags & RUMPUSER_SYNCFD_BARRIER)
		rumpuser__bio_drain(fd);
	if (flags & RUMPUSER_SYNCFD_WRITE)
		rv = (flags & RUMPUSER_SYNCFD_SYNC) ? fsync(fd) : fdatasync(fd);
	/* Pipes, sockets and character devices have nothing to flush. */
	if (rv == -1 && errno != EINVAL && errno != EROFS)
		error = ET(errno);
	rumpuser__schedule(nlocks, NULL);
	return error;
}
