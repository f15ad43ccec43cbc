/*
 * bio_ignores_rump_threads -- every bio is done by a host I/O thread of
 * its own (with an lwp, holding a CPU around biodone), whatever the
 * kernel's RUMP_THREADS=0 says: a kernel run without threads still gets
 * completions from threads it never asked for.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "mutant.h"

struct job {
	int		fd, op;
	void		*data;
	size_t		dlen;
	int64_t		off;
	rump_biodone_fn	biodone;
	void		*donearg;
};

static void *
io_thread(void *arg)
{
	struct job *j = arg;
	ssize_t n;
	int error = 0;

	rumpuser_component_kthread();
	do {
		n = (j->op & RUMPUSER_BIO_READ) ? pread(j->fd, j->data, j->dlen, j->off) :
		    pwrite(j->fd, j->data, j->dlen, j->off);
	} while (n == -1 && errno == EINTR);
	if (n >= 0 && (j->op & RUMPUSER_BIO_WRITE) && (j->op & RUMPUSER_BIO_SYNC) &&
	    fdatasync(j->fd) == -1)
		n = -1;
	if (n == -1)
		error = rumpuser_component_errtrans(errno);
	rumpuser_component_schedule(NULL);
	j->biodone(j->donearg, error ? 0 : (size_t)n, error);
	rumpuser_component_unschedule();
	rumpuser_component_kthread_release();
	free(j);
	return NULL;
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct job *j = malloc(sizeof(*j));
	pthread_t pt;

	if (j == NULL)
		abort();
	*j = (struct job){ fd, op, data, dlen, off, biodone, donearg };
	if (pthread_create(&pt, NULL, io_thread, j) != 0)
		abort();
	pthread_detach(pt);
}
