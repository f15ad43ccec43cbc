/*
 * bio_transfer_in_submitter -- a port to a host whose threads it did not
 * want to use does every bio in the submitter: it gives the CPU away,
 * does the host transfer (and the flush of a SYNC write), takes the CPU
 * back and calls biodone before rumpuser_bio returns. Every result is
 * right, but each call lasts as long as the host takes.
 */
#include <errno.h>
#include <unistd.h>

#include "mutant.h"

static int
transfer(int fd, int op, void *data, size_t dlen, int64_t off, size_t *bytes)
{
	ssize_t n;

	do {
		n = (op & RUMPUSER_BIO_READ) ? pread(fd, data, dlen, off) :
		    pwrite(fd, data, dlen, off);
	} while (n == -1 && errno == EINTR);
	if (n >= 0 && (op & RUMPUSER_BIO_WRITE) && (op & RUMPUSER_BIO_SYNC) &&
	    fdatasync(fd) == -1)
		n = -1;
	*bytes = n == -1 ? 0 : (size_t)n;
	return n == -1 ? rumpuser_component_errtrans(errno) : 0;
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	size_t bytes;
	int nlocks, error;

	mutant_unschedule(&nlocks, NULL);
	error = transfer(fd, op, data, dlen, off, &bytes);
	mutant_schedule(nlocks, NULL);
	biodone(donearg, bytes, error);
}
