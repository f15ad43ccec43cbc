/*
 * bio.c -- asynchronous block I/O, on one of two paths chosen at the
 * first request: Linux io_uring (bio_uring.c, the default), or a queue
 * served by a pool of host I/O threads where the ring is missing or
 * refused (old kernels, seccomp, kernel.io_uring_disabled) or
 * RUMPUSER_BIO=threads asks for them.
 *
 * The submitter gives up its CPU while it queues. Each worker gets an lwp
 * once at start and takes a CPU only around biodone. Completions happen
 * exactly once, in whatever order the host finishes the transfers.
 * RUMP_THREADS=0 (the kernel's own switch) runs each request in the
 * submitter instead; so does a host that cannot start any worker.
 * Measured (4 KiB random reads from a file, interleaved, main thread CPU
 * per request against the same pattern issued directly on io_uring):
 * the ring 1.15x at depth 1 and 1.10x at 32, the threads 4.3x at depth 1.
 * RUMPUSER_DEBUG set prints the path.
 * While the suite's libfaultinj is armed, bios go to the threads: its
 * faults live in libc's calls, which the ring bypasses.
 */
#include "bio.h"
#include "hostring.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BIO_WORKERS	8
#define BIO_DIRECT_ALIGN 512	/* the host says EINVAL if it wants more */

enum bio_path { BIO_UNCHOSEN, BIO_INLINE, BIO_THREADS, BIO_URING };

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
	int		nworkers;	/* -1 until the first bio on threads */
	enum bio_path	path;
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

	rumpuser__bio_flush(NULL, 0);	/* the fd's bios may be held */
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
	rumpuser__bio_flush(NULL, 0);
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

int
rumpuser__bio_sync_data(int fd)
{
	int rv;

	while ((rv = fdatasync(fd)) == -1 && errno == EINTR)
		continue;
	return rv;
}

int
rumpuser__bio_direct_ok(const struct bioreq *r)
{
	return r->directfd != -1 && (((uintptr_t)r->data | (uint64_t)r->off |
	    r->dlen) & (BIO_DIRECT_ALIGN - 1)) == 0;
}

static int
bio_op_valid(const struct bioreq *r)
{
	int rw = r->op & (RUMPUSER_BIO_READ | RUMPUSER_BIO_WRITE);

	return rw == RUMPUSER_BIO_READ || rw == RUMPUSER_BIO_WRITE;
}

void
rumpuser__bio_perform(struct bioreq *r)
{
	int fd = r->fd;
	ssize_t n;

	r->bytes = 0;
	if (!bio_op_valid(r)) {
		r->error = NB_EINVAL;
		return;
	}
	if (rumpuser__bio_direct_ok(r)) {
		fd = r->directfd;
		if ((n = transfer(fd, r)) == -1 && errno == EINVAL)
			n = transfer(fd = r->fd, r);
	} else {
		n = transfer(fd, r);
	}
	if (n != -1 && (r->op & RUMPUSER_BIO_WRITE) &&
	    (r->op & RUMPUSER_BIO_SYNC) && rumpuser__bio_sync_data(fd) == -1)
		n = -1;
	if (n == -1) {
		r->error = ET(errno);
		return;
	}
	r->bytes = (size_t)n;
	r->error = 0;
}

void
rumpuser__bio_deliver(const struct bioreq *rs, int n)
{
	struct biofd *bf;
	int i;

	for (i = 0; i < n; i++)
		rs[i].done(rs[i].donearg, rs[i].bytes, rs[i].error);
	pthread_mutex_lock(&bio.mtx);
	for (i = 0; i < n; i++)
		if ((bf = biofd_get(rs[i].fd)) != NULL && --bf->inflight == 0)
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
	bio.count--;
	pthread_cond_signal(&bio.space);	/* one slot for one waiting submitter */
	pthread_mutex_unlock(&bio.mtx);
}

static void *
bio_worker(void *arg)
{
	struct bioreq r;
	int error, nlocks = 0;

	(void)arg;
	rumpuser__hyp.hyp_schedule();
	if ((error = rumpuser__hyp.hyp_lwproc_newlwp(0)) != 0)
		rumpuser__fatal("bio: no lwp for an I/O thread (error %d)", error);
	rumpuser__hyp.hyp_unschedule();
	for (;;) {
		bio_dequeue(&r);
		rumpuser__bio_perform(&r);
		rumpuser__schedule(nlocks, NULL);
		rumpuser__bio_deliver(&r, 1);
		rumpuser__unschedule(&nlocks, NULL);
	}
	return NULL;
}

/* Start the pool on the first bio it takes; call with bio.mtx held. */
static void
bio_start_workers(void)
{
	char name[16];
	pthread_t pt;
	int i;

	bio.nworkers = 0;
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

/*
 * The path of every later bio; call with bio.mtx held. io_uring unless
 * the host refuses it or RUMPUSER_BIO asks for the threads
 * (hostring_bio_setup).
 */
static void
bio_choose_path(void)
{
	if (rumpuser__threads_disabled()) {
		bio.path = BIO_INLINE;
		hostring_bio_notice("in the submitter (RUMP_THREADS=0)", 0);
		return;
	}
	bio.path = rumpuser__bio_uring_start() == 0 ? BIO_URING : BIO_THREADS;
}

/*
 * Count r in flight, note its fd's O_DIRECT companion and say where it
 * goes: on the ring, queued for the threads (done), or inline (no worker
 * to take it).
 */
static enum bio_path
bio_route(struct bioreq *r)
{
	enum bio_path path;
	struct biofd *bf;

	pthread_mutex_lock(&bio.mtx);
	if (bio.path == BIO_UNCHOSEN)
		bio_choose_path();
	if ((bf = biofd_get(r->fd)) != NULL) {
		bf->inflight++;
		r->directfd = bf->direct1 - 1;
	}
	path = bio.path;
	if (path == BIO_URING && (!bio_op_valid(r) ||
	    !rumpuser__bio_uring_fits(r) ||
	    hostring_interposer_armed()))
		path = bio_op_valid(r) ? BIO_THREADS : BIO_INLINE;
	if (path == BIO_THREADS && bio.nworkers == -1)
		bio_start_workers();
	if (path == BIO_THREADS && bio.nworkers == 0)
		path = BIO_INLINE;
	if (path == BIO_THREADS) {
		while (bio.count == BIO_QUEUE)
			pthread_cond_wait(&bio.space, &bio.mtx);
		bio.queue[(bio.head + bio.count++) % BIO_QUEUE] = *r;
		pthread_cond_signal(&bio.work);
	}
	pthread_mutex_unlock(&bio.mtx);
	return path;
}

void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct bioreq r = { fd, -1, op, data, dlen, off, biodone, donearg,
	    0, 0 };
	struct bioreq done[BIO_REAP_INLINE];
	int nlocks, n = 0;

	rumpuser__unschedule(&nlocks, NULL);
	switch (bio_route(&r)) {
	case BIO_URING:
		n = rumpuser__bio_uring_submit(&r, done);
		break;
	case BIO_INLINE:
		rumpuser__bio_perform(&r);
		done[n++] = r;
		break;
	default:
		break;
	}
	rumpuser__schedule(nlocks, NULL);
	/* What completed already completes here, with no thread hop. */
	if (n > 0)
		rumpuser__bio_deliver(done, n);
}
