/*
 * bio_swallows_error -- rumpuser_bio reports every request as done in
 * full (dlen bytes, error 0) whatever the host said, so a failed or short
 * transfer reaches the kernel as success. Caught with host fault injection
 * (hypercall-mocks/faultinj) beneath the target.
 */
#include "mutant.h"

static void
swallow_done(const struct mutant_bio *b, size_t bytes, int error)
{
	(void)bytes;
	(void)error;
	b->biodone(b->donearg, b->dlen, 0);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg,
	    swallow_done);
}
