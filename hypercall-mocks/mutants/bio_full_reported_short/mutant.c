/*
 * bio_full_reported_short -- a transfer that the host completed in full
 * is reported 512 bytes short (an off-by-one-sector residue). The kernel
 * then sees residue where there is none and retries or fails good I/O.
 */
#include "mutant.h"

static void
short_done(const struct mutant_bio *b, size_t bytes, int error)
{
	if (error == 0 && bytes == b->dlen && bytes > 512)
		bytes -= 512;
	b->biodone(b->donearg, bytes, error);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg, short_done);
}
