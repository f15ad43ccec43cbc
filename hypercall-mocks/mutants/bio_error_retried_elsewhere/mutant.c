/*
 * bio_error_retried_elsewhere -- a failed transfer is done once more
 * another way (as a port falling back from its O_DIRECT descriptor to the
 * buffered one on any error, not only on EINVAL) and the retry's outcome
 * is reported: a device's EIO or ENOSPC vanishes whenever the second try
 * gets through, e.g. a write refused by the disk lands in the page cache.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "mutant.h"

struct retry {
	int		fd, op;
	void		*data;
	size_t		dlen;
	int64_t		off;
	rump_biodone_fn	biodone;
	void		*donearg;
};

static ssize_t
again(const struct retry *t)
{
	ssize_t n;

	do {
		n = (t->op & RUMPUSER_BIO_READ) ?
		    pread(t->fd, t->data, t->dlen, t->off) :
		    pwrite(t->fd, t->data, t->dlen, t->off);
	} while (n == -1 && errno == EINTR);
	return n;
}

static void
retry_done(void *arg, size_t bytes, int error)
{
	struct retry *t = arg;
	ssize_t n;

	if (error != 0 && (n = again(t)) >= 0) {
		bytes = (size_t)n;
		error = 0;
	}
	t->biodone(t->donearg, bytes, error);
	free(t);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct retry *t = malloc(sizeof(*t));

	if (t == NULL)
		abort();
	*t = (struct retry){ fd, op, data, dlen, off, biodone, donearg };
	posix_rumpuser_bio(fd, op, data, dlen, off, retry_done, t);
}
