/*
 * bio.c -- asynchronous block I/O: a queue served by a pool of host I/O
 * threads, so that several requests are in flight at once.
 *
 * The submitter gives up its CPU while it queues. Each worker gets an lwp
 * once at start and takes a CPU only around biodone. Completions happen
 * exactly once, in whatever order the host finishes the transfers.
 * RUMP_THREADS=0 (the kernel's own switch) runs each request in the
 * submitter instead; so does a host that cannot start any worker.
 */
#include "rumpuser_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BIO_WORKERS	8
#define BIO_QUEUE	128
#define BIO_DIRECT_ALIGN 512	/* the host says EINVAL if it wants more */

struct bioreq {
	int		fd;
	int		directfd;
	int		op;
	void		*data;
	size_t		dlen;
	int64_t		off;
	rump_biodone_fn	done;
	void		*donearg;
};

/* Per host fd: its O_DIRECT companion (+1, so 0 is none) and bios out. */
struct biofd {
	int		direct1;
	unsigned	inflight;
};

static struct {
	pthread_mutex_t	mtx;
	pthread_cond_t	work;		/* the queue is not empty */
	pthread_cond_t	space;		/* the queue is not full */
	pthread_cond_t	idle;		/* some fd's last bio completed */
	struct bioreq	queue[BIO_QUEUE];
	unsigned	head, count;
	int		nworkers;	/* -1 until the first bio */
	struct biofd	*fds;
	size_t		nfds;
} bio = {
	.mtx = PTHREAD_MUTEX_INITIALIZER,
	.work = PTHREAD_COND_INITIALIZER,
	.space = PTHREAD_COND_INITIALIZER,
	.idle = PTHREAD_COND_INITIALIZER,
	.nworkers = -1,
};

/* The table entry of fd, grown on demand; call with bio.mtx held. */
static struct biofd *
biofd_get(int fd)
{
	struct biofd *fds;
	size_t n;

	if (fd < 0)
		return NULL;
	if ((size_t)fd >= bio.nfds) {
		n = (size_t)fd * 2 + 16;
		if ((fds = realloc(bio.fds, n * sizeof(*fds))) == NULL)
			rumpuser__fatal("bio: no memory for the fd table");
		memset(fds + bio.nfds, 0, (n - bio.nfds) * sizeof(*fds));
		bio.fds = fds;
		bio.nfds = n;
	}
	return &bio.fds[fd];
}

static void
biofd_wait_idle(struct biofd *bf, int fd)
{
	while (bf->inflight > 0) {
		pthread_cond_wait(&bio.idle, &bio.mtx);
		bf = &bio.fds[fd];	/* the table may have moved */
	}
}

void
rumpuser__bio_adopt(int fd, int directfd)
{
	pthread_mutex_lock(&bio.mtx);
	biofd_get(fd)->direct1 = directfd + 1;
	pthread_mutex_unlock(&bio.mtx);
}

int
rumpuser__bio_release(int fd)
{
	struct biofd *bf;
	int directfd = -1;

	pthread_mutex_lock(&bio.mtx);
	if (fd >= 0 && (size_t)fd < bio.nfds) {
		bf = &bio.fds[fd];
		biofd_wait_idle(bf, fd);
		bf = &bio.fds[fd];
		directfd = bf->direct1 - 1;
		bf->direct1 = 0;
	}
	pthread_mutex_unlock(&bio.mtx);
	return directfd;
}

void
rumpuser__bio_drain(int fd)
{
	pthread_mutex_lock(&bio.mtx);
	if (fd >= 0 && (size_t)fd < bio.nfds)
		biofd_wait_idle(&bio.fds[fd], fd);
	pthread_mutex_unlock(&bio.mtx);
}

static ssize_t
transfer(int fd, const struct bioreq *r)
{
	ssize_t n;

	do {
		if (r->op & RUMPUSER_BIO_READ)
			n = pread(fd, r->data, r->dlen, r->off);
		else
			n = pwrite(fd, r->data, r->dlen, r->off);
	} while (n == -1 && errno == EINTR);
	return n;
}

static int
sync_data(int fd)
{
	int rv;

	while ((rv = fdatasync(fd)) == -1 && errno == EINTR)
		continue;
	return rv;
}

static int
direct_ok(const struct bioreq *r)
{
	return r->directfd != -1 && (((uintptr_t)r->data | (uint64_t)r->off |
	    r->dlen) & (BIO_DIRECT_ALIGN - 1)) == 0;
}

/* Do the transfer; (bytes, 0) or (0, NetBSD errno), as biodone wants. */
static void
bio_perform(const struct bioreq *r, size_t *bytes, int *error)
{
	int fd = r->fd, rw = r->op & (RUMPUSER_BIO_READ | RUMPUSER_BIO_WRITE);
	ssize_t n;

	*bytes = 0;
	if (rw != RUMPUSER_BIO_READ && rw != RUMPUSER_BIO_WRITE) {
		*error = NB_EINVAL;
		return;
	}
	if (direct_ok(r)) {
		fd = r->directfd;
		if ((n = transfer(fd, r)) == -1 && errno == EINVAL)
			n = transfer(fd = r->fd, r);
	} else {
		n = transfer(fd, r);
	}
	if (n != -1 && rw == RUMPUSER_BIO_WRITE && (r->op & RUMPUSER_BIO_SYNC) &&
	    sync_data(fd) == -1)
		n = -1;
	if (n == -1) {
		*error = ET(errno);
		return;
	}
	*bytes = (size_t)n;
	*error = 0;
}

/*
 * Call biodone holding a CPU, then count the request as completed.
 * *nlocksp is what the caller's last unschedule handed out (0 at first).
 */
static void
bio_complete(const struct bioreq *r, size_t bytes, int error, int *nlocksp)
{
	struct biofd *bf;

	rumpuser__schedule(*nlocksp, NULL);
	r->done(r->donearg, bytes, error);
	rumpuser__unschedule(nlocksp, NULL);
	pthread_mutex_lock(&bio.mtx);
	if ((bf = biofd_get(r->fd)) != NULL && --bf->inflight == 0)
		pthread_cond_broadcast(&bio.idle);
	pthread_mutex_unlock(&bio.mtx);
}

static void
bio_dequeue(struct bioreq *r)
{
	pthread_mutex_lock(&bio.mtx);
	while (bio.count == 0)
		pthread_cond_wait(&bio.work, &bio.mtx);
	*r = bio.queue[bio.head];
	bio.head = (bio.head + 1) % BIO_QUEUE;
	if (bio.count-- == BIO_QUEUE)
		pthread_cond_signal(&bio.space);
	pthread_mutex_unlock(&bio.mtx);
}

static void *
bio_worker(void *arg)
{
	struct bioreq r;
	size_t bytes;
	int error, nlocks = 0;

	(void)arg;
	rumpuser__hyp.hyp_schedule();
	if ((error = rumpuser__hyp.hyp_lwproc_newlwp(0)) != 0)
		rumpuser__fatal("bio: no lwp for an I/O thread (error %d)", error);
	rumpuser__hyp.hyp_unschedule();
	for (;;) {
		bio_dequeue(&r);
		bio_perform(&r, &bytes, &error);
		bio_complete(&r, bytes, error, &nlocks);
	}
	return NULL;
}

static int
threads_disabled(void)
{
	const char *env = getenv("RUMP_THREADS");

	return env != NULL && env[0] == '0';
}

/* Start the pool on the first bio; call with bio.mtx held. */
static void
bio_start_workers(void)
{
	char name[16];
	pthread_t pt;
	int i;

	bio.nworkers = 0;
	if (threads_disabled())
		return;
	for (i = 0; i < BIO_WORKERS; i++) {
		if (pthread_create(&pt, NULL, bio_worker, NULL) != 0)
			break;
		pthread_detach(pt);
		snprintf(name, sizeof(name), "rumpbio%d", i);
#ifndef __EMSCRIPTEN__	/* wasm threads have no names */
		pthread_setname_np(pt, name);
#endif
		bio.nworkers++;
	}
}

/* Queue r, or say (0) that there is no worker to take it. */
static int
bio_enqueue(const struct bioreq *r)
{
	int queued = 0;

	pthread_mutex_lock(&bio.mtx);
	if (bio.nworkers == -1)
		bio_start_workers();
	if (r->fd >= 0)
		biofd_get(r->fd)->inflight++;
	if (bio.nworkers > 0) {
		while (bio.count == BIO_QUEUE)
			pthread_cond_wait(&bio.space, &bio.mtx);
		bio.queue[(bio.head + bio.count++) % BIO_QUEUE] = *r;
		pthread_cond_signal(&bio.work);
		queued = 1;
	}
	pthread_mutex_unlock(&bio.mtx);
	return queued;
}

static int
bio_directfd(int fd)
{
	int directfd = -1;

	pthread_mutex_lock(&bio.mtx);
	if (fd >= 0 && (size_t)fd < bio.nfds)
		directfd = bio.fds[fd].direct1 - 1;
	pthread_mutex_unlock(&bio.mtx);
	return directfd;
}

void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct bioreq r = { fd, -1, op, data, dlen, off, biodone, donearg };
	size_t bytes;
	int nlocks, error;

	rumpuser__unschedule(&nlocks, NULL);
	r.directfd = bio_directfd(fd);
	if (!bio_enqueue(&r)) {
		bio_perform(&r, &bytes, &error);
		bio_complete(&r, bytes, error, &nlocks);
	}
	rumpuser__schedule(nlocks, NULL);
}
