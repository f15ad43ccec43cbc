/*
 * mutex.c -- kernel mutexes with wait queues.
 *
 * No recursion: tryenter by the holder fails with EBUSY, and enter by the
 * holder is a self-deadlock reported as fatal.  A contended enter blocks
 * the fiber until the mutex is free; only a non-SPIN enter gives up the
 * virtual CPU meanwhile.  An exit wakes one waiter, which tries again.
 */
#include "fiber_int.h"

#include <stdlib.h>

#define MTX_FLAGS	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rumpuser_mtx *mtx;

	if ((flags & MTX_FLAGS) == 0)
		rumpuser__fatal("mutex_init: neither SPIN nor KMUTEX in "
		    "flags 0x%x", flags);
	if ((mtx = calloc(1, sizeof(*mtx))) == NULL)
		rumpuser__fatal("out of memory for a mutex");
	mtx->flags = flags & MTX_FLAGS;
	waitq_init(&mtx->waiters);
	*mtxp = mtx;
}

static void
mutex_take(struct rumpuser_mtx *mtx)
{

	mtx->holder = fiber_self();
	if (mtx->flags & RUMPUSER_MTX_KMUTEX)
		mtx->owner = rumpuser_curlwp();
}

void
mutex__enter_blocking(struct rumpuser_mtx *mtx)
{
	struct fiber *self = fiber_self();

	while (mtx->holder != NULL) {
		if (mtx->holder == self)
			rumpuser__fatal("mutex_enter %p: locking against myself "
			    "(fiber \"%s\")", (void *)mtx, self->name);
		fiber_block(&mtx->waiters, DEADLINE_NONE);
	}
	mutex_take(mtx);
}

void
mutex__release(struct rumpuser_mtx *mtx)
{

	if (mtx->holder != fiber_self())
		rumpuser__fatal("mutex_exit %p: not held by fiber \"%s\"",
		    (void *)mtx, fiber_self()->name);
	mtx->holder = NULL;
	mtx->owner = NULL;
	waitq_wakeone(&mtx->waiters);
}

void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{

	mutex__enter_blocking(mtx);
}

void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	int nlocks;

	if ((mtx->flags & RUMPUSER_MTX_SPIN) || mtx->holder == NULL) {
		mutex__enter_blocking(mtx);
		return;
	}
	rumpuser__unschedule(&nlocks, NULL);
	mutex__enter_blocking(mtx);
	rumpuser__schedule(nlocks, NULL);
}

int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{

	if (mtx->holder != NULL)
		return NB_EBUSY;
	mutex_take(mtx);
	return 0;
}

void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{

	mutex__release(mtx);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{

	if (mtx->holder != NULL || mtx->waiters.count != 0)
		rumpuser__fatal("mutex_destroy %p: still in use", (void *)mtx);
	free(mtx);
}

void
rumpuser_mutex_owner(struct rumpuser_mtx *mtx, struct lwp **lp)
{

	*lp = mtx->owner;
}

int
rumpuser_mutex_spin_p(struct rumpuser_mtx *mtx)
{

	return (mtx->flags & RUMPUSER_MTX_SPIN) != 0;
}
