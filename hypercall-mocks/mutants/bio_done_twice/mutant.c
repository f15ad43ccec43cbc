/*
 * bio_done_twice -- every completion is delivered twice (a retry path
 * that completes the request again): the kernel completes a buffer it
 * may already have reused, corrupting memory.
 */
#include "mutant.h"

static void
twice_done(const struct mutant_bio *b, size_t bytes, int error)
{
	b->biodone(b->donearg, bytes, error);
	b->biodone(b->donearg, bytes, error);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg,
	    twice_done);
}
