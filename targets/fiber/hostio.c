/*
 * hostio.c -- a small pool of helper host threads for host I/O.
 *
 * Requests go on a to-do list served by up to HOSTIO_MAXHELPERS threads,
 * started on demand.  A finished request moves to the done list and a
 * byte on a pipe wakes the scheduler if it is idle.  If no helper can be
 * started at all, the request runs in the calling fiber instead.
 *
 * After fork() the child has no helpers: the pool starts from scratch
 * there, and requests a parent helper was working on are lost.
 */
#include "fiber_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define HOSTIO_MAXHELPERS	4

TAILQ_HEAD(reqlist, hostio_req);

static pthread_once_t hostio_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t hostio_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hostio_work = PTHREAD_COND_INITIALIZER;
static struct reqlist todo = TAILQ_HEAD_INITIALIZER(todo);	/* locked */
static struct reqlist done = TAILQ_HEAD_INITIALIZER(done);	/* locked */
static int nhelpers, nidle;					/* locked */
static int wakepipe[2] = { -1, -1 };
static int inflight;		/* fiber side only: started, not collected */

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
