/*
 * bio_submit_keeps_cpu -- rumpuser_bio performs the request in the
 * submitter without giving its virtual CPU away (as a submitter blocked on
 * a full queue would): the host I/O runs on the CPU and every other thread
 * of that CPU starves until it ends.
 */
#include "mutant.h"
#include "rumpuser_int.h"

#include <errno.h>
#include <unistd.h>

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	ssize_t n;

	do {
		if (op & RUMPUSER_BIO_READ)
			n = pread(fd, data, dlen, off);
		else
			n = pwrite(fd, data, dlen, off);
	} while (n == -1 && errno == EINTR);
	biodone(donearg, n == -1 ? 0 : (size_t)n, n == -1 ? ET(errno) : 0);
}
