/*
 * bio_swallows_error -- rumpuser_bio reports every request as done in
 * full (dlen bytes, error 0) whatever the host said, so a failed or short
 * transfer reaches the kernel as success. Caught with host fault injection
 * (hypercall-mocks/faultinj) beneath the target.
 */
#include <stdlib.h>

#include "mutant.h"

struct swallow {
	rump_biodone_fn	done;
	void		*donearg;
	size_t		dlen;
};

static void
swallow_done(void *arg, size_t bytes, int error)
{
	struct swallow s = *(struct swallow *)arg;

	(void)bytes;
	(void)error;
	free(arg);
	s.done(s.donearg, s.dlen, 0);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct swallow *s = malloc(sizeof(*s));

	if (s == NULL)
		abort();
	s->done = biodone;
	s->donearg = donearg;
	s->dlen = dlen;
	posix_rumpuser_bio(fd, op, data, dlen, off, swallow_done, s);
}
