/*
 * bio_direct_no_fallback -- every 512-aligned bio goes through an
 * O_DIRECT descriptor, on the assumption that 512 bytes is all the
 * alignment any medium wants, and the host's EINVAL is reported instead
 * of doing the transfer through the page cache: on a disk with 4096-byte
 * sectors most of the kernel's I/O fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "mutant.h"

/* The transfer on a fresh O_DIRECT descriptor of fd's file: bytes, or -errno. */
static ssize_t
direct_transfer(int fd, int op, void *data, size_t dlen, int64_t off)
{
	char path[64];
	ssize_t n;
	int dfd, error;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((dfd = open(path, ((op & RUMPUSER_BIO_READ) ? O_RDONLY : O_WRONLY) |
	    O_DIRECT | O_CLOEXEC)) == -1)
		return -errno;
	n = (op & RUMPUSER_BIO_READ) ? pread(dfd, data, dlen, off) :
	    pwrite(dfd, data, dlen, off);
	if (n >= 0 && (op & RUMPUSER_BIO_WRITE) && (op & RUMPUSER_BIO_SYNC) &&
	    fdatasync(dfd) == -1)
		n = -1;
	error = errno;
	close(dfd);
	return n >= 0 ? n : -error;
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	void *cookie;
	ssize_t n;

	if ((((uintptr_t)data | (uint64_t)off | dlen) & 511) != 0 || off < 0) {
		posix_rumpuser_bio(fd, op, data, dlen, off, biodone, donearg);
		return;
	}
	cookie = rumpuser_component_unschedule();
	n = direct_transfer(fd, op, data, dlen, off);
	rumpuser_component_schedule(cookie);
	if (n >= 0)
		biodone(donearg, (size_t)n, 0);
	else
		biodone(donearg, 0, rumpuser_component_errtrans((int)-n));
}
