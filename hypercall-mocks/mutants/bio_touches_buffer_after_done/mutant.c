/*
 * bio_touches_buffer_after_done -- a read completes, and a moment later
 * the hypervisor writes into the buffer again (a late copy out of a bounce
 * buffer): the kernel has already handed that memory to someone else.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mutant.h"

struct late {
	rump_biodone_fn	biodone;
	void		*donearg;
	unsigned char	*data;
	int		op;
};

static void
late_done(void *arg, size_t bytes, int error)
{
	struct late *l = arg;

	l->biodone(l->donearg, bytes, error);
	if ((l->op & RUMPUSER_BIO_READ) && bytes > 0) {
		usleep(2000);
		l->data[0] ^= 0x5a;
	}
	free(l);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct late *l = malloc(sizeof(*l));

	if (l == NULL) {
		posix_rumpuser_bio(fd, op, data, dlen, off, biodone, donearg);
		return;
	}
	l->biodone = biodone;
	l->donearg = donearg;
	l->data = data;
	l->op = op;
	posix_rumpuser_bio(fd, op, data, dlen, off, late_done, l);
}
