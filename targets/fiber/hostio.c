/*
 * hostio.c -- a small pool of helper host threads for host I/O, and the
 * host's io_uring for whole reads and writes (bio) where it has one.
 *
 * Requests go on a to-do list served by up to HOSTIO_MAXHELPERS threads,
 * started on demand.  A finished request moves to the done list and a
 * byte on a pipe wakes the scheduler if it is idle.  If no helper can be
 * started at all, the request runs in the calling fiber instead.
 *
 * Transfers on the ring need no helper: the scheduler polls the ring's
 * descriptor while idle and collects its completions with the helpers'.
 * Submission is plugged, as the POSIX target's (../posix/bio_uring.c):
 * a transfer waits on the ring until the running fiber gives up the host
 * thread (the next schedule), so that requests issued back to back go in
 * one io_uring_enter.
 *
 * After fork() the child has no helpers: the pool starts from scratch
 * there, and requests a parent helper was working on are lost.
 */
#include "fiber_int.h"
#include "../posix/hostring.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define HOSTIO_MAXHELPERS	4
#define HOSTIO_RING		64	/* transfers on the ring at once */
#define HOSTIO_RING_MAXLEN	(1u << 30)

TAILQ_HEAD(reqlist, hostio_req);

static pthread_once_t hostio_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t hostio_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hostio_work = PTHREAD_COND_INITIALIZER;
static struct reqlist todo = TAILQ_HEAD_INITIALIZER(todo);	/* locked */
static struct reqlist done = TAILQ_HEAD_INITIALIZER(done);	/* locked */
static int nhelpers, nidle;					/* locked */
static int wakepipe[2] = { -1, -1 };
static int inflight;		/* fiber side only: started, not collected */
#if HOSTRING_AVAILABLE
static struct hostring ring;	/* fiber side only, like what follows */
static int ring_state;		/* 0: not tried, 1: up, -1: refused */
static int ring_out;		/* transfers on the ring */
static int ring_plugged;	/* of those, filled in and not yet submitted */
#endif

static void
wakepipe_open(void)
{

	if (pipe2(wakepipe, O_NONBLOCK | O_CLOEXEC) == -1)
		rumpuser__fatal("pipe2: %s", strerror(errno));
}

static void
hostio_forked_child(void)
{

	pthread_mutex_init(&hostio_lock, NULL);
	pthread_cond_init(&hostio_work, NULL);
	nhelpers = nidle = 0;
	close(wakepipe[0]);
	close(wakepipe[1]);
	wakepipe_open();
}

static void
hostio_init(void)
{

	wakepipe_open();
	pthread_atfork(NULL, NULL, hostio_forked_child);
}

int
hostio_fd(void)
{

	return wakepipe[0];
}

int
hostio_inflight(void)
{

	return inflight;
}

/* Called with hostio_lock held. */
static void
finish(struct hostio_req *req)
{

	TAILQ_INSERT_TAIL(&done, req, entry);
	/* A full pipe already wakes the reader: EAGAIN is fine. */
	(void)!write(wakepipe[1], "", 1);
}

static void * __attribute__((__noreturn__))
helper_main(void *arg)
{
	struct hostio_req *req;

	(void)arg;
	pthread_mutex_lock(&hostio_lock);
	for (;;) {
		while ((req = TAILQ_FIRST(&todo)) == NULL) {
			nidle++;
			pthread_cond_wait(&hostio_work, &hostio_lock);
			nidle--;
		}
		TAILQ_REMOVE(&todo, req, entry);
		pthread_mutex_unlock(&hostio_lock);
		req->error = req->fn(req->arg);
		pthread_mutex_lock(&hostio_lock);
		finish(req);
	}
}

/* Helpers take no signals: those belong to the fibers' host thread. */
static int
helper_spawn(void)
{
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t pt;
	int rv;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rv = pthread_create(&pt, &attr, helper_main, NULL);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rv == 0;
}

void
hostio_start(struct hostio_req *req)
{
	int spawn, inline_run = 0;

	pthread_once(&hostio_once, hostio_init);
	req->finished = 0;
	req->on_ring = 0;
	waitq_init(&req->waiters);
	inflight++;
	pthread_mutex_lock(&hostio_lock);
	TAILQ_INSERT_TAIL(&todo, req, entry);
	spawn = nidle == 0 && nhelpers < HOSTIO_MAXHELPERS;
	if (spawn)
		nhelpers++;
	pthread_cond_signal(&hostio_work);
	pthread_mutex_unlock(&hostio_lock);
	if (!spawn || helper_spawn())
		return;

	pthread_mutex_lock(&hostio_lock);
	if (--nhelpers == 0) {
		TAILQ_REMOVE(&todo, req, entry);
		inline_run = 1;
	}
	pthread_mutex_unlock(&hostio_lock);
	if (inline_run) {
		req->error = req->fn(req->arg);
		pthread_mutex_lock(&hostio_lock);
		finish(req);
		pthread_mutex_unlock(&hostio_lock);
	}
}

#if HOSTRING_AVAILABLE
/*
 * The ring by default on 64-bit hosts (a 4 KiB read at depth 1 took 9 us
 * there against 36 us on the helpers, 4.5 us of CPU against 9.4);
 * RUMPUSER_BIO=uring asks for it on 32-bit ones, where the kernel's compat
 * path was not measured.
 */
#if defined(__LP64__)
#define HOSTIO_RING_DEFAULT	1
#else
#define HOSTIO_RING_DEFAULT	0
#endif

static int
ring_usable(void)
{
	if (ring_state == 0)
		ring_state = hostring_bio_setup(&ring, HOSTIO_RING,
		    HOSTIO_RING_DEFAULT) == 0 ? 1 : -1;
	return ring_state == 1 && ring_out < HOSTIO_RING &&
	    !hostring_interposer_armed();
}

int
hostio_start_transfer(struct hostio_req *req, int write, int fd, void *buf,
    size_t len, int64_t off)
{
	if (off < 0 || len > HOSTIO_RING_MAXLEN || !ring_usable())
		return -1;
	hostring_queue_rw(&ring, write, fd, buf, len, off,
	    (uint64_t)(uintptr_t)req);
	ring_plugged++;
	req->finished = 0;
	req->on_ring = 1;
	waitq_init(&req->waiters);
	inflight++;
	ring_out++;
	return 0;
}

void
hostio_ring_submit(void)
{
	if (ring_plugged == 0)
		return;
	ring_plugged = 0;
	if (hostring_submit(&ring, 0) == -1)
		rumpuser__fatal("io_uring_enter: %s", strerror(errno));
}

int
hostio_ring_fd(void)
{
	return ring_out > 0 ? ring.fd : -1;
}

/* Move the ring's completions to finished. */
static void
ring_collect(struct reqlist *finished)
{
	struct io_uring_cqe c[HOSTIO_RING];
	struct hostio_req *req;
	unsigned i, n;

	if (ring_out == 0)
		return;
	n = hostring_reap(&ring, c, HOSTIO_RING);
	for (i = 0; i < n; i++) {
		req = (struct hostio_req *)(uintptr_t)c[i].user_data;
		req->result = c[i].res < 0 ? 0 : c[i].res;
		req->error = c[i].res < 0 ? -c[i].res : 0;
		TAILQ_INSERT_TAIL(finished, req, entry);
	}
	ring_out -= (int)n;
}
#else
int
hostio_start_transfer(struct hostio_req *req, int write, int fd, void *buf,
    size_t len, int64_t off)
{
	(void)req; (void)write; (void)fd; (void)buf; (void)len; (void)off;
	return -1;
}

void
hostio_ring_submit(void)
{
}

int
hostio_ring_fd(void)
{
	return -1;
}

static void
ring_collect(struct reqlist *finished)
{
	(void)finished;
}
#endif

void
hostio_collect(void)
{
	struct reqlist finished = TAILQ_HEAD_INITIALIZER(finished);
	struct hostio_req *req;
	char buf[64];

	while (read(wakepipe[0], buf, sizeof(buf)) > 0)
		continue;
	pthread_mutex_lock(&hostio_lock);
	TAILQ_CONCAT(&finished, &done, entry);
	pthread_mutex_unlock(&hostio_lock);
	ring_collect(&finished);
	while ((req = TAILQ_FIRST(&finished)) != NULL) {
		TAILQ_REMOVE(&finished, req, entry);
		inflight--;
		req->finished = 1;
		if (req->done != NULL)
			req->done(req);
		else
			waitq_wakeall(&req->waiters);
	}
}

int
hostio_run(int (*fn)(void *), void *arg)
{
	struct hostio_req req = { .fn = fn, .arg = arg };

	hostio_start(&req);
	while (!req.finished)
		fiber_block(&req.waiters, DEADLINE_NONE);
	return req.error;
}
