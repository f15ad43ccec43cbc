/*
 * bio_done_stale_arg -- the completion path keeps the argument of the
 * request it completed last and hands that to the next biodone (a slot
 * reused before its argument was read): the kernel finishes the wrong
 * buffer twice and the right one never.
 */
#include "mutant.h"

static void *last_arg;

static void
stale_done(const struct mutant_bio *b, size_t bytes, int error)
{
	void *arg = __atomic_exchange_n(&last_arg, b->donearg, __ATOMIC_ACQ_REL);

	b->biodone(arg != NULL ? arg : b->donearg, bytes, error);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg, stale_done);
}
