/*
 * rwlock.c -- kernel read/write locks built on a pthread mutex and two
 * condition variables, so that upgrade and downgrade can be exact.
 *
 * Waiting writers keep new readers out, so writers are not starved.  The
 * internal mutex is only ever held for a few instructions; only waiting
 * on the condition variables counts as blocking and gives up the CPU.
 */
#include "rumpuser_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct rumpuser_rw {
	pthread_mutex_t	lock;		/* guards everything below */
	pthread_cond_t	readers_cv;	/* readers wait here */
	pthread_cond_t	writers_cv;	/* writers wait here */
	int		nreaders;	/* active readers */
	int		wwaiting;	/* writers waiting */
	bool		writing;	/* a writer holds the lock */
	struct lwp	*wlwp;		/* the writer's lwp */
	pthread_t	wthread;	/* and host thread, for lwp-less callers */
} __attribute__((__aligned__(RUMPUSER_LOCKALIGN)));

static void
rw_lock(struct rumpuser_rw *rw)
{
	int rv;

	if ((rv = pthread_mutex_lock(&rw->lock)) != 0)
		rumpuser__fatal("rwlock %p: %s", (void *)rw, strerror(rv));
}

static void
rw_unlock(struct rumpuser_rw *rw)
{

	pthread_mutex_unlock(&rw->lock);
}

static void
rw_wait(struct rumpuser_rw *rw, pthread_cond_t *cv)
{
	int rv;

	if ((rv = pthread_cond_wait(cv, &rw->lock)) != 0)
		rumpuser__fatal("rwlock %p: wait: %s", (void *)rw,
		    strerror(rv));
}

static void
check_op(int enum_rumprwlock, const char *what)
{

	if (enum_rumprwlock != RUMPUSER_RW_READER &&
	    enum_rumprwlock != RUMPUSER_RW_WRITER)
		rumpuser__fatal("%s: unknown lock type %d", what,
		    enum_rumprwlock);
}

/* The following helpers run with rw->lock held. */

static bool
can_read(const struct rumpuser_rw *rw)
{

	return !rw->writing && rw->wwaiting == 0;
}

static bool
can_write(const struct rumpuser_rw *rw)
{

	return !rw->writing && rw->nreaders == 0;
}

static bool
can_take(const struct rumpuser_rw *rw, int enum_rumprwlock)
{

	if (enum_rumprwlock == RUMPUSER_RW_WRITER)
		return can_write(rw);
	return can_read(rw);
}

static void
take(struct rumpuser_rw *rw, int enum_rumprwlock)
{

	if (enum_rumprwlock == RUMPUSER_RW_WRITER) {
		rw->writing = true;
		rw->wlwp = rumpuser_curlwp();
		rw->wthread = pthread_self();
	} else {
		rw->nreaders++;
	}
}

static bool
held_by_me_for_write(const struct rumpuser_rw *rw)
{
	struct lwp *l = rumpuser_curlwp();

	if (!rw->writing || rw->wlwp != l)
		return false;
	return l != NULL || pthread_equal(rw->wthread, pthread_self());
}

/* Wait until the lock can be taken, then take it. */
static void
wait_and_take(struct rumpuser_rw *rw, int enum_rumprwlock)
{

	if (enum_rumprwlock == RUMPUSER_RW_WRITER) {
		rw->wwaiting++;
		while (!can_write(rw))
			rw_wait(rw, &rw->writers_cv);
		rw->wwaiting--;
	} else {
		while (!can_read(rw))
			rw_wait(rw, &rw->readers_cv);
	}
	take(rw, enum_rumprwlock);
}

/* Hand the lock on after a release: a waiting writer first. */
static void
wake_next(struct rumpuser_rw *rw)
{

	if (rw->wwaiting > 0) {
		if (can_write(rw))
			pthread_cond_signal(&rw->writers_cv);
	} else if (!rw->writing) {
		pthread_cond_broadcast(&rw->readers_cv);
	}
}

void
rumpuser_rw_init(struct rumpuser_rw **rwp)
{
	struct rumpuser_rw *rw;
	int rv;

	rw = rumpuser__lockalloc(sizeof(*rw));
	if ((rv = pthread_mutex_init(&rw->lock, NULL)) != 0 ||
	    (rv = pthread_cond_init(&rw->readers_cv, NULL)) != 0 ||
	    (rv = pthread_cond_init(&rw->writers_cv, NULL)) != 0)
		rumpuser__fatal("rw_init: %s", strerror(rv));
	*rwp = rw;
}

void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int nlocks;

	check_op(enum_rumprwlock, "rw_enter");
	if (rumpuser_rw_tryenter(enum_rumprwlock, rw) == 0)
		return;
	rumpuser__unschedule(&nlocks, NULL);
	rw_lock(rw);
	wait_and_take(rw, enum_rumprwlock);
	rw_unlock(rw);
	rumpuser__schedule(nlocks, NULL);
}

int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int rv = NB_EBUSY;

	if (enum_rumprwlock != RUMPUSER_RW_READER &&
	    enum_rumprwlock != RUMPUSER_RW_WRITER)
		return NB_EINVAL;
	rw_lock(rw);
	if (can_take(rw, enum_rumprwlock)) {
		take(rw, enum_rumprwlock);
		rv = 0;
	}
	rw_unlock(rw);
	return rv;
}

/* Succeeds only for the sole reader, who then holds the lock for write. */
int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
	int rv = NB_EBUSY;

	rw_lock(rw);
	if (!rw->writing && rw->nreaders == 1) {
		rw->nreaders = 0;
		take(rw, RUMPUSER_RW_WRITER);
		rv = 0;
	}
	rw_unlock(rw);
	return rv;
}

/*
 * Write to read in one step under the internal mutex, so no writer can
 * get in between.  It never waits, so it keeps the CPU.
 */
void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{

	rw_lock(rw);
	if (!held_by_me_for_write(rw))
		rumpuser__fatal("rw_downgrade %p: not write-held by caller",
		    (void *)rw);
	rw->writing = false;
	rw->wlwp = NULL;
	rw->nreaders = 1;
	wake_next(rw);
	rw_unlock(rw);
}

void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{

	rw_lock(rw);
	if (rw->writing) {
		rw->writing = false;
		rw->wlwp = NULL;
	} else if (rw->nreaders > 0) {
		rw->nreaders--;
	} else {
		rumpuser__fatal("rw_exit %p: lock not held", (void *)rw);
	}
	wake_next(rw);
	rw_unlock(rw);
}

void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{

	if (rw->writing || rw->nreaders > 0 || rw->wwaiting > 0)
		rumpuser__fatal("rw_destroy %p: lock in use", (void *)rw);
	pthread_cond_destroy(&rw->writers_cv);
	pthread_cond_destroy(&rw->readers_cv);
	pthread_mutex_destroy(&rw->lock);
	free(rw);
}

/* WRITER: 1 iff the caller holds it for write.  READER: the reader count. */
void
rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *heldp)
{

	check_op(enum_rumprwlock, "rw_held");
	rw_lock(rw);
	if (enum_rumprwlock == RUMPUSER_RW_WRITER)
		*heldp = held_by_me_for_write(rw);
	else
		*heldp = rw->nreaders;
	rw_unlock(rw);
}
