/*
 * bio_done_without_cpu -- the I/O thread calls biodone after giving its
 * virtual CPU back: the kernel's biodone runs without a CPU and corrupts
 * scheduler state.
 */
#include "mutant.h"

static void
cpuless_done(const struct mutant_bio *b, size_t bytes, int error)
{
	int nlocks;

	mutant_unschedule(&nlocks, NULL);
	b->biodone(b->donearg, bytes, error);
	mutant_schedule(nlocks, NULL);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg,
	    cpuless_done);
}
