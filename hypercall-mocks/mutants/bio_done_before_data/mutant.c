/*
 * bio_done_before_data -- reads are completed as soon as they are queued
 * (full length, no error) and the host read fills the buffer afterwards:
 * the kernel looks at a buffer the data has not reached yet, and the late
 * transfer writes into memory the kernel has already reused.
 */
#include "mutant.h"

static void
ignore_done(void *arg, size_t bytes, int error)
{
	(void)arg;
	(void)bytes;
	(void)error;
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	if ((op & RUMPUSER_BIO_READ) == 0) {
		posix_rumpuser_bio(fd, op, data, dlen, off, biodone, donearg);
		return;
	}
	biodone(donearg, dlen, 0);
	posix_rumpuser_bio(fd, op, data, dlen, off, ignore_done, NULL);
}
