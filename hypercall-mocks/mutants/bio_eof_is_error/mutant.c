/*
 * bio_eof_is_error -- a read the host ends short at the end of the file
 * completes as an I/O error (EIO, 5, no bytes) instead of with the bytes
 * that exist: the kernel cannot read the tail of an image whose size is
 * not a multiple of its block size.
 */
#include "mutant.h"

static void
eof_done(const struct mutant_bio *b, size_t bytes, int error)
{
	if (error == 0 && (b->op & RUMPUSER_BIO_READ) && bytes < b->dlen) {
		bytes = 0;
		error = 5;	/* NetBSD EIO */
	}
	b->biodone(b->donearg, bytes, error);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg, eof_done);
}
