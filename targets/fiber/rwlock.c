/*
 * rwlock.c -- read/write locks with wait queues.
 *
 * Many readers or one writer.  Waiting writers keep new readers out, as
 * in the NetBSD kernel, so writers cannot starve.  Only a blocking enter
 * gives up the virtual CPU.  tryupgrade succeeds when the caller is the
 * only reader; downgrade turns the writer into a reader in one step, so
 * no writer can get in between.
 */
#include "fiber_int.h"

#include <stdlib.h>

struct rumpuser_rw {
	struct fiber	*writer;	/* NULL unless write-locked */
	struct lwp	*writer_lwp;	/* curlwp of the writer */
	int		readers;
	int		writers_waiting;
	struct waitq	readq;
	struct waitq	writeq;
};

void
rumpuser_rw_init(struct rumpuser_rw **rwp)
{
	struct rumpuser_rw *rw;

	if ((rw = calloc(1, sizeof(*rw))) == NULL)
		rumpuser__fatal("out of memory for an rwlock");
	waitq_init(&rw->readq);
	waitq_init(&rw->writeq);
	*rwp = rw;
}

void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{

	if (rw->writer != NULL || rw->readers != 0 ||
	    rw->readq.count != 0 || rw->writeq.count != 0)
		rumpuser__fatal("rw_destroy %p: still in use", (void *)rw);
	free(rw);
}

static int
can_read(const struct rumpuser_rw *rw)
{

	return rw->writer == NULL && rw->writers_waiting == 0;
}

static int
can_write(const struct rumpuser_rw *rw)
{

	return rw->writer == NULL && rw->readers == 0;
}

static void
take_write(struct rumpuser_rw *rw)
{

	rw->writer = fiber_self();
	rw->writer_lwp = rumpuser_curlwp();
}

/* Wake whoever may now get in: a writer if the lock is free, else readers. */
static void
wake_waiters(struct rumpuser_rw *rw)
{

	if (can_write(rw) && rw->writeq.count > 0)
		waitq_wakeone(&rw->writeq);
	else if (can_read(rw))
		waitq_wakeall(&rw->readq);
}

static void
wait_read(struct rumpuser_rw *rw)
{

	while (!can_read(rw)) {
		if (rw->writer == fiber_self())
			rumpuser__fatal("rw_enter %p: reader while writer",
			    (void *)rw);
		fiber_block(&rw->readq, DEADLINE_NONE);
	}
	rw->readers++;
}

static void
wait_write(struct rumpuser_rw *rw)
{

	rw->writers_waiting++;
	while (!can_write(rw)) {
		if (rw->writer == fiber_self())
			rumpuser__fatal("rw_enter %p: locking against myself",
			    (void *)rw);
		fiber_block(&rw->writeq, DEADLINE_NONE);
	}
	rw->writers_waiting--;
	take_write(rw);
}

static int
try_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{

	if (enum_rumprwlock == RUMPUSER_RW_WRITER) {
		if (!can_write(rw))
			return NB_EBUSY;
		take_write(rw);
		return 0;
	}
	if (!can_read(rw))
		return NB_EBUSY;
	rw->readers++;
	return 0;
}

void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int nlocks;

	if (enum_rumprwlock != RUMPUSER_RW_READER &&
	    enum_rumprwlock != RUMPUSER_RW_WRITER)
		rumpuser__fatal("rw_enter: unknown lock type %d",
		    enum_rumprwlock);
	if (try_enter(enum_rumprwlock, rw) == 0)
		return;
	rumpuser__unschedule(&nlocks, NULL);
	if (enum_rumprwlock == RUMPUSER_RW_WRITER)
		wait_write(rw);
	else
		wait_read(rw);
	rumpuser__schedule(nlocks, NULL);
}

int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{

	if (enum_rumprwlock != RUMPUSER_RW_READER &&
	    enum_rumprwlock != RUMPUSER_RW_WRITER)
		return NB_EINVAL;
	return try_enter(enum_rumprwlock, rw);
}

int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{

	if (rw->writer != NULL || rw->readers != 1)
		return NB_EBUSY;
	rw->readers = 0;
	take_write(rw);
	return 0;
}

void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{

	if (rw->writer != fiber_self())
		rumpuser__fatal("rw_downgrade %p: caller is not the writer",
		    (void *)rw);
	rw->writer = NULL;
	rw->writer_lwp = NULL;
	rw->readers = 1;
	wake_waiters(rw);
}

void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{

	if (rw->writer != NULL) {
		if (rw->writer != fiber_self())
			rumpuser__fatal("rw_exit %p: write-held by another "
			    "fiber", (void *)rw);
		rw->writer = NULL;
		rw->writer_lwp = NULL;
	} else if (rw->readers > 0) {
		rw->readers--;
	} else {
		rumpuser__fatal("rw_exit %p: not held", (void *)rw);
	}
	wake_waiters(rw);
}

/*
 * WRITER: held by the calling lwp, or, on a fiber without one, by that
 * fiber; READER: held by any reader.
 */
void
rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *heldp)
{
	struct lwp *l = rumpuser_curlwp();

	if (enum_rumprwlock == RUMPUSER_RW_WRITER)
		*heldp = rw->writer != NULL && rw->writer_lwp == l &&
		    (l != NULL || rw->writer == fiber_self());
	else
		*heldp = rw->readers > 0;
}
