/*
 * lock.c -- mutexes, rwlocks and condition variables on wait queues.
 *
 * One CPU, no preemption: a test-and-set needs no atomics, and releasing
 * an interlock then joining a wait queue is one step. Blocking paths give
 * up the virtual CPU as rumpuser(3) wants: a contended non-SPIN
 * mutex_enter, a contended rw_enter, wrapped cv waits (the mutex as the
 * interlock); nowrap calls, SPIN enter, tryenter and exits never do.
 * A wrapped cv wait takes CPU and mutex back in the order the mutex's
 * type requires: SPIN|KMUTEX the CPU first, otherwise the mutex first
 * (the kernel's scheduler lock is a SPIN-only mutex that backend_schedule
 * then releases).
 */
#include "bm.h"

#define MTX_FLAGS	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

/* --- mutexes ---------------------------------------------------------------- */

void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rumpuser_mtx *m;

	if ((flags & MTX_FLAGS) == 0)
		bm_fatal("mutex_init: neither SPIN nor KMUTEX in flags 0x%x", flags);
	if ((m = bm_alloc(sizeof(*m), 16)) == NULL)
		bm_fatal("out of memory for a mutex");
	*m = (struct rumpuser_mtx){ .flags = flags & MTX_FLAGS };
	*mtxp = m;
}

static void
mutex_take(struct rumpuser_mtx *m)
{
	m->holder = bm_self();
	if (m->flags & RUMPUSER_MTX_KMUTEX)
		m->owner = rumpuser_curlwp();
}

void
bm_mutex_take_blocking(struct rumpuser_mtx *m)
{
	while (m->holder != NULL) {
		if (m->holder == bm_self())
			bm_fatal("mutex_enter %p: locking against myself (thread \"%s\")",
			    (void *)m, bm_thread_name(bm_self()));
		bm_block(&m->waiters, BM_NEVER);
	}
	mutex_take(m);
}

void
bm_mutex_release(struct rumpuser_mtx *m)
{
	if (m->holder != bm_self())
		bm_fatal("mutex_exit %p: not held by thread \"%s\"", (void *)m,
		    bm_thread_name(bm_self()));
	m->holder = NULL;
	m->owner = NULL;
	bm_wakeone(&m->waiters);
}

void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *m)
{
	bm_mutex_take_blocking(m);
}

void
rumpuser_mutex_enter(struct rumpuser_mtx *m)
{
	int nlocks;

	if ((m->flags & RUMPUSER_MTX_SPIN) || m->holder == NULL) {
		bm_mutex_take_blocking(m);
		return;
	}
	bm_unschedule(&nlocks, NULL);
	bm_mutex_take_blocking(m);
	bm_schedule(nlocks, NULL);
}

int
rumpuser_mutex_tryenter(struct rumpuser_mtx *m)
{
	if (m->holder != NULL)
		return NB_EBUSY;
	mutex_take(m);
	return 0;
}

void
rumpuser_mutex_exit(struct rumpuser_mtx *m)
{
	bm_mutex_release(m);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *m)
{
	if (m->holder != NULL || m->waiters.count != 0)
		bm_fatal("mutex_destroy %p: still in use", (void *)m);
	bm_free(m);
}

void
rumpuser_mutex_owner(struct rumpuser_mtx *m, struct lwp **lp)
{
	*lp = m->owner;
}

int
rumpuser_mutex_spin_p(struct rumpuser_mtx *m)
{
	return (m->flags & RUMPUSER_MTX_SPIN) != 0;
}

/* --- rwlocks: many readers or one writer; waiting writers keep readers out -- */

struct rumpuser_rw {
	struct bm_thread *writer;	/* NULL unless write-held */
	struct lwp *writer_lwp;
	int readers;
	int writers_waiting;
	struct bm_waitq readq, writeq;
};

void
rumpuser_rw_init(struct rumpuser_rw **rwp)
{
	struct rumpuser_rw *rw;

	if ((rw = bm_alloc(sizeof(*rw), 16)) == NULL)
		bm_fatal("out of memory for an rwlock");
	*rw = (struct rumpuser_rw){ 0 };
	*rwp = rw;
}

void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{
	if (rw->writer != NULL || rw->readers != 0 || rw->readq.count != 0 ||
	    rw->writeq.count != 0)
		bm_fatal("rw_destroy %p: still in use", (void *)rw);
	bm_free(rw);
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
	rw->writer = bm_self();
	rw->writer_lwp = rumpuser_curlwp();
}

static void
wake_rw(struct rumpuser_rw *rw)
{
	if (can_write(rw) && rw->writeq.count > 0)
		bm_wakeone(&rw->writeq);
	else if (can_read(rw))
		bm_wakeall(&rw->readq);
}

static void
wait_read(struct rumpuser_rw *rw)
{
	while (!can_read(rw)) {
		if (rw->writer == bm_self())
			bm_fatal("rw_enter %p: reader while writer", (void *)rw);
		bm_block(&rw->readq, BM_NEVER);
	}
	rw->readers++;
}

static void
wait_write(struct rumpuser_rw *rw)
{
	rw->writers_waiting++;
	while (!can_write(rw)) {
		if (rw->writer == bm_self())
			bm_fatal("rw_enter %p: locking against myself", (void *)rw);
		bm_block(&rw->writeq, BM_NEVER);
	}
	rw->writers_waiting--;
	take_write(rw);
}

static int
rw_try(int op, struct rumpuser_rw *rw)
{
	if (op == RUMPUSER_RW_WRITER) {
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
rumpuser_rw_enter(int op, struct rumpuser_rw *rw)
{
	int nlocks;

	if (op != RUMPUSER_RW_READER && op != RUMPUSER_RW_WRITER)
		bm_fatal("rw_enter: unknown lock type %d", op);
	if (rw_try(op, rw) == 0)
		return;
	bm_unschedule(&nlocks, NULL);
	if (op == RUMPUSER_RW_WRITER)
		wait_write(rw);
	else
		wait_read(rw);
	bm_schedule(nlocks, NULL);
}

int
rumpuser_rw_tryenter(int op, struct rumpuser_rw *rw)
{
	if (op != RUMPUSER_RW_READER && op != RUMPUSER_RW_WRITER)
		return NB_EINVAL;
	return rw_try(op, rw);
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
	if (rw->writer != bm_self())
		bm_fatal("rw_downgrade %p: the caller is not the writer", (void *)rw);
	rw->writer = NULL;
	rw->writer_lwp = NULL;
	rw->readers = 1;
	wake_rw(rw);
}

void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{
	if (rw->writer != NULL) {
		if (rw->writer != bm_self())
			bm_fatal("rw_exit %p: write-held by another thread", (void *)rw);
		rw->writer = NULL;
		rw->writer_lwp = NULL;
	} else if (rw->readers > 0)
		rw->readers--;
	else
		bm_fatal("rw_exit %p: not held", (void *)rw);
	wake_rw(rw);
}

/* WRITER: held by the calling lwp (or, with none bound, by this thread). */
void
rumpuser_rw_held(int op, struct rumpuser_rw *rw, int *heldp)
{
	struct lwp *l = rumpuser_curlwp();

	if (op == RUMPUSER_RW_WRITER)
		*heldp = rw->writer != NULL && rw->writer_lwp == l &&
		    (l != NULL || rw->writer == bm_self());
	else
		*heldp = rw->readers > 0;
}

/* --- condition variables ----------------------------------------------------- */

struct rumpuser_cv {
	struct bm_waitq waiters;
};

void
rumpuser_cv_init(struct rumpuser_cv **cvp)
{
	struct rumpuser_cv *cv;

	if ((cv = bm_alloc(sizeof(*cv), 16)) == NULL)
		bm_fatal("out of memory for a condition variable");
	*cv = (struct rumpuser_cv){ { 0 } };
	*cvp = cv;
}

void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{
	if (cv->waiters.count != 0)
		bm_fatal("cv_destroy %p: %d threads still wait", (void *)cv,
		    cv->waiters.count);
	bm_free(cv);
}

/* Sleep on cv with m released; 1 if the deadline ended it. */
static int
cv_sleep(struct rumpuser_cv *cv, struct rumpuser_mtx *m, uint64_t deadline)
{
	bm_mutex_release(m);
	return bm_block(&cv->waiters, deadline);
}

static int
cv_wait_wrapped(struct rumpuser_cv *cv, struct rumpuser_mtx *m, uint64_t deadline)
{
	int nlocks, timedout;

	bm_unschedule(&nlocks, m);
	timedout = cv_sleep(cv, m, deadline);
	if ((m->flags & MTX_FLAGS) == MTX_FLAGS) {
		bm_schedule(nlocks, m);
		bm_mutex_take_blocking(m);
	} else {
		bm_mutex_take_blocking(m);
		bm_schedule(nlocks, m);
	}
	return timedout;
}

void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *m)
{
	cv_wait_wrapped(cv, m, BM_NEVER);
}

void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *m)
{
	cv_sleep(cv, m, BM_NEVER);
	bm_mutex_take_blocking(m);
}

/* The timeout is relative to the call, on the monotonic counter. */
int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *m,
    int64_t sec, int64_t nsec)
{
	return cv_wait_wrapped(cv, m, bm_deadline_after(sec, nsec)) ? NB_ETIMEDOUT : 0;
}

void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{
	bm_wakeone(&cv->waiters);
}

void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{
	bm_wakeall(&cv->waiters);
}

void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *waitersp)
{
	*waitersp = cv->waiters.count;
}
