/*
 * hostfile.c -- the host side of getfileinfo and of iovread/iovwrite,
 * shared by the POSIX and fiber hypervisors.  It only talks to the host and returns host errno
 * values, so fiber can run it on a hostio helper thread.
 */
#include "rumpuser_int.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>

#ifdef __EMSCRIPTEN__	/* no block devices in a wasm engine: size by lseek */
#define BLKGETSIZE64	0
#else
#include <linux/fs.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static int
file_type(mode_t mode)
{
	if (S_ISREG(mode))
		return RUMPUSER_FT_REG;
	if (S_ISDIR(mode))
		return RUMPUSER_FT_DIR;
	if (S_ISBLK(mode))
		return RUMPUSER_FT_BLK;
	if (S_ISCHR(mode))
		return RUMPUSER_FT_CHR;
	return RUMPUSER_FT_OTHER;
}

/*
 * The size of a device: the block layer's, else how far SEEK_END goes;
 * EOPNOTSUPP where that is 0 (the host cannot tell).
 */
static int
device_size(const char *name, int isblk, uint64_t *sizep)
{
	uint64_t size = 0;
	off_t end;
	int fd, error = 0;

	if ((fd = open(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return errno;
	if (!isblk || ioctl(fd, BLKGETSIZE64, &size) == -1) {
		if ((end = lseek(fd, 0, SEEK_END)) == -1)
			error = errno;
		else
			size = (uint64_t)end;
	}
	close(fd);
	if (error == 0 && size == 0)
		error = EOPNOTSUPP;
	if (error == 0)
		*sizep = size;
	return error;
}

int
rumpuser__fileinfo(const char *name, uint64_t *sizep, int *typep)
{
	uint64_t sz;
	struct stat sb;
	int ft, error;

	if (stat(name, &sb) == -1)
		return errno;
	ft = file_type(sb.st_mode);
	sz = (uint64_t)sb.st_size;
	if (sizep != NULL && (ft == RUMPUSER_FT_BLK || ft == RUMPUSER_FT_CHR) &&
	    (error = device_size(name, ft == RUMPUSER_FT_BLK, &sz)) != 0)
		return error;
	if (sizep != NULL)
		*sizep = sz;
	*typep = ft;
	return 0;
}

#define OPEN_KNOWN	(RUMPUSER_OPEN_ACCMODE | RUMPUSER_OPEN_CREATE | \
			 RUMPUSER_OPEN_EXCL | RUMPUSER_OPEN_BIO)

/* Host open flags for a v17 mode, or -1 for a mode the interface lacks. */
int
rumpuser__open_hostflags(int mode)
{
	int flags = O_CLOEXEC;

	if (mode & ~OPEN_KNOWN)
		return -1;
	switch (mode & RUMPUSER_OPEN_ACCMODE) {
	case RUMPUSER_OPEN_RDONLY:
		flags |= O_RDONLY;
		break;
	case RUMPUSER_OPEN_WRONLY:
		flags |= O_WRONLY;
		break;
	case RUMPUSER_OPEN_RDWR:
		flags |= O_RDWR;
		break;
	default:
		return -1;
	}
	/* EXCL alone would mean an exclusive open of a Linux block device. */
	if (mode & RUMPUSER_OPEN_CREATE)
		flags |= O_CREAT | ((mode & RUMPUSER_OPEN_EXCL) ? O_EXCL : 0);
	return flags;
}

#ifdef __EMSCRIPTEN__
/* emscripten 3.1.6's pwritev/preadv put every piece at off: one by one. */
static ssize_t
iov_positional(int fd, int iswrite, const struct iovec *iov, int iovcnt,
    int64_t off)
{
	ssize_t n, done = 0;
	int i;

	for (i = 0; i < iovcnt; i++) {
		n = iswrite ? pwrite(fd, iov[i].iov_base, iov[i].iov_len, off + done) :
		    pread(fd, iov[i].iov_base, iov[i].iov_len, off + done);
		if (n == -1)
			return done > 0 ? done : -1;
		done += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return done;
}
#endif


long
rumpuser__iov_max(void)
{
	static long max;	/* 0: not asked yet */
	long m = __atomic_load_n(&max, __ATOMIC_RELAXED);

	if (m == 0) {
		m = sysconf(_SC_IOV_MAX);
		__atomic_store_n(&max, m, __ATOMIC_RELAXED);
	}
	return m;
}

ssize_t
rumpuser__host_iov(int fd, int iswrite, const struct iovec *iov, int iovcnt,
    int64_t off)
{
	long max = rumpuser__iov_max();

	/* Linux refuses more itself; emscripten does not. */
	if (max != -1 && iovcnt > max) {
		errno = EINVAL;
		return -1;
	}
	if (off == RUMPUSER_IOV_NOSEEK)
		return iswrite ? writev(fd, iov, iovcnt) : readv(fd, iov, iovcnt);
#ifdef __EMSCRIPTEN__
	return iov_positional(fd, iswrite, iov, iovcnt, off);
#else
	return iswrite ? pwritev(fd, iov, iovcnt, off) : preadv(fd, iov, iovcnt, off);
#endif
}
