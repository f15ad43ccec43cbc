/*
 * bio_queue_lost_wakeup -- a bounded bio queue served by I/O threads that
 * wakes one waiting submitter only when it goes from full to not full:
 * with several submitters blocked on a full queue, all but one sleep on
 * through later dequeues, and their rumpuser_bio never returns.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "mutant.h"

#define QMAX	16
#define WORKERS	2

struct job {
	int		fd, op;
	void		*data;
	size_t		dlen;
	int64_t		off;
	rump_biodone_fn	biodone;
	void		*donearg;
};

static struct {
	pthread_mutex_t	mtx;
	pthread_cond_t	work, space;
	struct job	q[QMAX];
	int		head, count, started;
} bq = {
	.mtx = PTHREAD_MUTEX_INITIALIZER,
	.work = PTHREAD_COND_INITIALIZER,
	.space = PTHREAD_COND_INITIALIZER,
};

static void
perform(const struct job *j)
{
	ssize_t n;
	int error = 0;

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
}

static void *
worker(void *arg)
{
	struct job j;

	(void)arg;
	rumpuser_component_kthread();
	for (;;) {
		pthread_mutex_lock(&bq.mtx);
		while (bq.count == 0)
			pthread_cond_wait(&bq.work, &bq.mtx);
		j = bq.q[bq.head];
		bq.head = (bq.head + 1) % QMAX;
		if (bq.count-- == QMAX)		/* the bug: only the full -> not full edge */
			pthread_cond_signal(&bq.space);
		pthread_mutex_unlock(&bq.mtx);
		perform(&j);
	}
	return NULL;
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	void *cookie = rumpuser_component_unschedule();
	pthread_t pt;
	int i;

	pthread_mutex_lock(&bq.mtx);
	for (i = 0; !bq.started && i < WORKERS; i++)
		if (pthread_create(&pt, NULL, worker, NULL) == 0)
			pthread_detach(pt);
	bq.started = 1;
	while (bq.count == QMAX)
		pthread_cond_wait(&bq.space, &bq.mtx);
	bq.q[(bq.head + bq.count++) % QMAX] =
	    (struct job){ fd, op, data, dlen, off, biodone, donearg };
	pthread_cond_signal(&bq.work);
	pthread_mutex_unlock(&bq.mtx);
	rumpuser_component_schedule(cookie);
}
