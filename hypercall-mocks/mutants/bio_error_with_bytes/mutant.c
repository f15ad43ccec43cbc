/*
 * bio_error_with_bytes -- a request the host rejects completes with its
 * error but also with a byte count of dlen (the request size rather than
 * what was transferred). A kernel that looks at the residue first takes
 * the failed request for a complete one.
 */
#include "mutant.h"

static void
bytes_done(const struct mutant_bio *b, size_t bytes, int error)
{
	if (error != 0)
		bytes = b->dlen;
	b->biodone(b->donearg, bytes, error);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg, bytes_done);
}
