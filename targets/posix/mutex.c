/*
 * mutex.c -- kernel mutexes on ERRORCHECK pthread mutexes.
 *
 * SPIN mutexes never give up the virtual CPU; other mutexes give it up
 * only around a lock attempt that would block.  KMUTEX mutexes record the
 * owning lwp.
 */
#include "rumpuser_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MTX_FLAGS	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

void *
rumpuser__lockalloc(size_t size)
{
	void *mem;

	if (posix_memalign(&mem, RUMPUSER_LOCKALIGN, size) != 0)
		rumpuser__fatal("out of memory for a %zu byte lock", size);
	memset(mem, 0, size);
	return mem;
}

void
rumpuser__mutex_setowner(struct rumpuser_mtx *mtx)
{

	if (mtx->flags & RUMPUSER_MTX_KMUTEX)
		__atomic_store_n(&mtx->owner, rumpuser_curlwp(),
		    __ATOMIC_RELAXED);
}

void
rumpuser__mutex_clearowner(struct rumpuser_mtx *mtx)
{

	if (mtx->flags & RUMPUSER_MTX_KMUTEX)
		__atomic_store_n(&mtx->owner, NULL, __ATOMIC_RELAXED);
}

void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rumpuser_mtx *mtx;
	pthread_mutexattr_t attr;
	int rv;

	if ((flags & MTX_FLAGS) == 0)
		rumpuser__fatal("mutex_init: neither SPIN nor KMUTEX in "
		    "flags 0x%x", flags);
	mtx = rumpuser__lockalloc(sizeof(*mtx));
	if ((rv = pthread_mutexattr_init(&attr)) != 0 ||
	    (rv = pthread_mutexattr_settype(&attr,
	    PTHREAD_MUTEX_ERRORCHECK)) != 0 ||
	    (rv = pthread_mutex_init(&mtx->pthmtx, &attr)) != 0)
		rumpuser__fatal("mutex_init: %s", strerror(rv));
	pthread_mutexattr_destroy(&attr);
	mtx->flags = flags & MTX_FLAGS;
	*mtxp = mtx;
}

static void
mutex_lock(struct rumpuser_mtx *mtx)
{
	int rv;

	if ((rv = pthread_mutex_lock(&mtx->pthmtx)) != 0)
		rumpuser__fatal("mutex_enter %p: %s", (void *)mtx,
		    rv == EDEADLK ? "locking against myself" : strerror(rv));
}

void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{

	mutex_lock(mtx);
	rumpuser__mutex_setowner(mtx);
}

void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	int nlocks;

	if (mtx->flags & RUMPUSER_MTX_SPIN) {
		rumpuser_mutex_enter_nowrap(mtx);
		return;
	}
	if (pthread_mutex_trylock(&mtx->pthmtx) != 0) {
		rumpuser__unschedule(&nlocks, NULL);
		mutex_lock(mtx);
		rumpuser__schedule(nlocks, NULL);
	}
	rumpuser__mutex_setowner(mtx);
}

/* Busy, including when the caller already holds it: EBUSY. */
int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	int rv;

	if ((rv = pthread_mutex_trylock(&mtx->pthmtx)) != 0)
		return ET(rv);
	rumpuser__mutex_setowner(mtx);
	return 0;
}

void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	int rv;

	rumpuser__mutex_clearowner(mtx);
	if ((rv = pthread_mutex_unlock(&mtx->pthmtx)) != 0)
		rumpuser__fatal("mutex_exit %p: %s", (void *)mtx,
		    rv == EPERM ? "not held by this thread" : strerror(rv));
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{
	int rv;

	if ((rv = pthread_mutex_destroy(&mtx->pthmtx)) != 0)
		rumpuser__fatal("mutex_destroy %p: %s", (void *)mtx,
		    strerror(rv));
	free(mtx);
}

/* Only KMUTEX mutexes track an owner; others always report NULL. */
void
rumpuser_mutex_owner(struct rumpuser_mtx *mtx, struct lwp **lp)
{

	*lp = __atomic_load_n(&mtx->owner, __ATOMIC_RELAXED);
}

int
rumpuser_mutex_spin_p(struct rumpuser_mtx *mtx)
{

	return (mtx->flags & RUMPUSER_MTX_SPIN) != 0;
}
