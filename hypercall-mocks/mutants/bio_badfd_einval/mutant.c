/*
 * bio_badfd_einval -- bio checks its descriptor itself and completes a
 * request on one that is not open with EINVAL (22) instead of the host's
 * EBADF (9) that NetBSD's librumpuser passes on (REFERENCE: the kernel
 * only gives bio descriptors it opened).
 */
#include <fcntl.h>

#include "mutant.h"

static void
einval_done(const struct mutant_bio *b, size_t bytes, int error)
{
	b->biodone(b->donearg, 0, 22);
}

static void
plain_done(const struct mutant_bio *b, size_t bytes, int error)
{
	b->biodone(b->donearg, bytes, error);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg,
	    fcntl(fd, F_GETFD) == -1 ? einval_done : plain_done);
}
