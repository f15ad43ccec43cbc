/*
 * cv.c -- condition variables with wait queues.
 *
 * Releasing the interlock and joining the wait queue happen with no fiber
 * switch in between, so the two are one atomic step.  A wrapped wait
 * gives up the virtual CPU with the interlock as the interlock argument
 * while still holding the mutex, and on wakeup takes both back in the
 * order the mutex type requires:
 *   SPIN|KMUTEX: the CPU first, then the mutex (nowrap);
 *   SPIN only:   the mutex first, then the CPU (the kernel's scheduler
 *                lock, which backend_schedule then releases);
 *   KMUTEX only: as SPIN only -- whoever holds the CPU gives it up when
 *                it blocks on an adaptive mutex, so no cycle can form.
 * A timeout is a fiber deadline in nanoseconds; it returns ETIMEDOUT (60).
 */
#include "fiber_int.h"

#include <stdlib.h>

#define SPIN_KMUTEX	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

struct rumpuser_cv {
	struct waitq	waiters;
};

void
rumpuser_cv_init(struct rumpuser_cv **cvp)
{
	struct rumpuser_cv *cv;

	if ((cv = calloc(1, sizeof(*cv))) == NULL)
		rumpuser__fatal("out of memory for a condition variable");
	waitq_init(&cv->waiters);
	*cvp = cv;
}

void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{

	if (cv->waiters.count != 0)
		rumpuser__fatal("cv_destroy %p: %d fibers still wait",
		    (void *)cv, cv->waiters.count);
	free(cv);
}

/* Sleep on cv with mtx released; returns 1 if the deadline ended it. */
static int
cv_sleep(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx, uint64_t deadline)
{

	mutex__release(mtx);
	return fiber_block(&cv->waiters, deadline);
}

static int
cv_wait_wrapped(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    uint64_t deadline)
{
	int nlocks, timedout;

	/* Still holding mtx (or, for the scheduler lock, taking it here). */
	rumpuser__unschedule(&nlocks, mtx);
	timedout = cv_sleep(cv, mtx, deadline);
	if ((mtx->flags & SPIN_KMUTEX) == SPIN_KMUTEX) {
		rumpuser__schedule(nlocks, mtx);
		mutex__enter_blocking(mtx);
	} else {
		mutex__enter_blocking(mtx);
		rumpuser__schedule(nlocks, mtx);
	}
	return timedout;
}

void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{

	cv_wait_wrapped(cv, mtx, DEADLINE_NONE);
}

void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{

	cv_sleep(cv, mtx, DEADLINE_NONE);
	mutex__enter_blocking(mtx);
}

/* The timeout is relative and counts from the call. */
int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{

	if (cv_wait_wrapped(cv, mtx, deadline_after(sec, nsec)))
		return NB_ETIMEDOUT;
	return 0;
}

void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{

	waitq_wakeone(&cv->waiters);
}

void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{

	waitq_wakeall(&cv->waiters);
}

void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *waitersp)
{

	*waitersp = cv->waiters.count;
}
