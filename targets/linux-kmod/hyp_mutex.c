/*
 * hyp_mutex.c -- kernel mutexes.
 *
 * SPIN mutexes never give up the virtual CPU (enter behaves as nowrap);
 * the others try first and give it up only around a blocking acquire.
 * KMUTEX mutexes record the owning lwp.
 */
#include <linux/slab.h>

#include "hyp.h"

#define MTX_FLAGS	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

static void
set_owner(struct rumpuser_mtx *mtx)
{
	if (mtx->flags & RUMPUSER_MTX_KMUTEX)
		WRITE_ONCE(mtx->owner, rumpuser_curlwp());
}

static void
clear_owner(struct rumpuser_mtx *mtx)
{
	WRITE_ONCE(mtx->owner, NULL);
}

void
hyp_mutex_acquire(struct rumpuser_mtx *mtx)
{
	if (!hyp_lock_try(&mtx->lock))
		hyp_lock_wait(&mtx->lock);
	set_owner(mtx);
}

void
hyp_mutex_release(struct rumpuser_mtx *mtx)
{
	clear_owner(mtx);
	hyp_lock_release(&mtx->lock);
}

void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rumpuser_mtx *mtx;

	if ((flags & MTX_FLAGS) == 0)
		hyp_fatal("mutex_init: neither SPIN nor KMUTEX in flags 0x%x", flags);
	if ((mtx = kzalloc(sizeof(*mtx), GFP_KERNEL)) == NULL)
		hyp_fatal("mutex_init: out of memory");
	hyp_lock_init(&mtx->lock);
	mtx->flags = flags & MTX_FLAGS;
	*mtxp = mtx;
}

void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{
	hyp_mutex_acquire(mtx);
}

void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	int nlocks;

	if (mtx->flags & RUMPUSER_MTX_SPIN) {
		hyp_mutex_acquire(mtx);
		return;
	}
	if (!hyp_lock_try(&mtx->lock)) {
		if (READ_ONCE(mtx->lock.owner) == current)
			hyp_fatal("mutex_enter %p: locking against myself", mtx);
		hyp_unschedule(&nlocks, NULL);
		hyp_lock_wait(&mtx->lock);
		hyp_schedule(nlocks, NULL);
	}
	set_owner(mtx);
}

/* Busy, including when the caller already holds it: EBUSY. */
int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	if (!hyp_lock_try(&mtx->lock))
		return NB_EBUSY;
	set_owner(mtx);
	return 0;
}

void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	if (READ_ONCE(mtx->lock.owner) == NULL)
		hyp_fatal("mutex_exit %p: not held", mtx);
	hyp_mutex_release(mtx);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{
	if (READ_ONCE(mtx->lock.owner) != NULL)
		hyp_fatal("mutex_destroy %p: still held", mtx);
	kfree(mtx);
}

/* Only KMUTEX mutexes track an owner; the others always report none. */
void
rumpuser_mutex_owner(struct rumpuser_mtx *mtx, struct lwp **lp)
{
	*lp = READ_ONCE(mtx->owner);
}

int
rumpuser_mutex_spin_p(struct rumpuser_mtx *mtx)
{
	return (mtx->flags & RUMPUSER_MTX_SPIN) != 0;
}
