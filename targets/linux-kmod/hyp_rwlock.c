/*
 * hyp_rwlock.c -- read/write locks: counters under a spin lock and a wait
 * queue.  Blocking readers yield to waiting writers.  tryupgrade succeeds
 * for the only reader; downgrade turns the writer into a reader in one
 * step, so no writer can get in between.
 */
#include <linux/sched.h>
#include <linux/slab.h>

#include "hyp.h"

struct rumpuser_rw {
	spinlock_t lock;
	wait_queue_head_t wq;
	int readers;
	int writer;			/* held for writing */
	int writers_waiting;
	struct task_struct *wtask;	/* the writer */
	struct lwp *wlwp;
};

void
rumpuser_rw_init(struct rumpuser_rw **rwp)
{
	struct rumpuser_rw *rw;

	if ((rw = kzalloc(sizeof(*rw), GFP_KERNEL)) == NULL)
		hyp_fatal("rw_init: out of memory");
	spin_lock_init(&rw->lock);
	init_waitqueue_head(&rw->wq);
	*rwp = rw;
}

void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{
	if (rw->writer || rw->readers != 0)
		hyp_fatal("rw_destroy %p: still held", rw);
	kfree(rw);
}

static void
become_writer(struct rumpuser_rw *rw)
{
	rw->writer = 1;
	rw->wtask = current;
	rw->wlwp = rumpuser_curlwp();
}

/* One attempt; a blocking reader also defers to waiting writers. */
static int
try_take(struct rumpuser_rw *rw, int op, int blocking)
{
	int ok = 0;

	spin_lock(&rw->lock);
	if (op == RUMPUSER_RW_WRITER) {
		if ((ok = !rw->writer && rw->readers == 0))
			become_writer(rw);
	} else if (!rw->writer && !(blocking && rw->writers_waiting > 0)) {
		rw->readers++;
		ok = 1;
	}
	spin_unlock(&rw->lock);
	return ok;
}

static void
count_waiting_writer(struct rumpuser_rw *rw, int op, int delta)
{
	if (op != RUMPUSER_RW_WRITER)
		return;
	spin_lock(&rw->lock);
	rw->writers_waiting += delta;
	spin_unlock(&rw->lock);
}

void
rumpuser_rw_enter(int op, struct rumpuser_rw *rw)
{
	int nlocks;

	if (op != RUMPUSER_RW_READER && op != RUMPUSER_RW_WRITER)
		hyp_fatal("rw_enter %p: bad lock type %d", rw, op);
	if (try_take(rw, op, 0))
		return;
	if (op == RUMPUSER_RW_WRITER && READ_ONCE(rw->wtask) == current)
		hyp_fatal("rw_enter %p: locking against myself", rw);
	hyp_unschedule(&nlocks, NULL);
	count_waiting_writer(rw, op, 1);
	wait_event(rw->wq, try_take(rw, op, 1));
	count_waiting_writer(rw, op, -1);
	hyp_schedule(nlocks, NULL);
}

int
rumpuser_rw_tryenter(int op, struct rumpuser_rw *rw)
{
	if (op != RUMPUSER_RW_READER && op != RUMPUSER_RW_WRITER)
		return NB_EINVAL;
	return try_take(rw, op, 0) ? 0 : NB_EBUSY;
}

int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
	int ok;

	spin_lock(&rw->lock);
	if ((ok = !rw->writer && rw->readers == 1)) {
		rw->readers = 0;
		become_writer(rw);
	}
	spin_unlock(&rw->lock);
	return ok ? 0 : NB_EBUSY;
}

void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{
	spin_lock(&rw->lock);
	if (!rw->writer || rw->wtask != current) {
		spin_unlock(&rw->lock);
		hyp_fatal("rw_downgrade %p: not held for writing by the caller", rw);
	}
	rw->writer = 0;
	rw->wtask = NULL;
	rw->wlwp = NULL;
	rw->readers = 1;
	spin_unlock(&rw->lock);
	wake_up_all(&rw->wq);	/* other readers may join now */
}

void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{
	spin_lock(&rw->lock);
	if (rw->writer) {
		rw->writer = 0;
		rw->wtask = NULL;
		rw->wlwp = NULL;
	} else if (rw->readers > 0) {
		rw->readers--;
	} else {
		spin_unlock(&rw->lock);
		hyp_fatal("rw_exit %p: not held", rw);
	}
	spin_unlock(&rw->lock);
	if (wq_has_sleeper(&rw->wq))
		wake_up_all(&rw->wq);
}

/* WRITER: held by the caller (its lwp, or its task if none). READER: any. */
void
rumpuser_rw_held(int op, struct rumpuser_rw *rw, int *heldp)
{
	struct lwp *l;

	spin_lock(&rw->lock);
	if (op == RUMPUSER_RW_WRITER) {
		l = rw->wlwp;
		*heldp = rw->writer &&
		    (l != NULL ? l == rumpuser_curlwp() : rw->wtask == current);
	} else {
		*heldp = rw->readers;
	}
	spin_unlock(&rw->lock);
}
