/*
 * mutex.c -- kernel mutexes on a futex word.
 *
 * The word is 0 (free), 1 (held) or 2 (held, and someone may sleep on
 * it).  Taking a free mutex is one compare-and-swap; releasing one nobody
 * waits for is one swap.  A waiter sets 2 and sleeps until it swaps 2 in
 * over a 0; whoever swaps 0 in over a 2 wakes one sleeper.
 *
 * SPIN mutexes never give up the virtual CPU (they sleep on the host
 * holding it); other mutexes give it up only around a wait.  KMUTEX
 * mutexes record the owning lwp, which also catches an lwp entering a
 * mutex it holds and an lwp leaving one another lwp holds.
 */
#include "rumpuser_int.h"
#include "futex.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MTX_FLAGS	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

#define MTX_FREE	0u
#define MTX_HELD	1u
#define MTX_CONTENDED	2u	/* held; sleepers possible */

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
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rumpuser_mtx *mtx;

	if ((flags & MTX_FLAGS) == 0)
		rumpuser__fatal("mutex_init: neither SPIN nor KMUTEX in "
		    "flags 0x%x", flags);
	mtx = rumpuser__lockalloc(sizeof(*mtx));
	mtx->flags = flags & MTX_FLAGS;
	*mtxp = mtx;
}

static inline bool
mtx_try(struct rumpuser_mtx *mtx)
{
	uint32_t free = MTX_FREE;

	return __atomic_compare_exchange_n(&mtx->word, &free, MTX_HELD, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Waiting for a KMUTEX the calling lwp holds would never end. */
static void
mtx_check_self(struct rumpuser_mtx *mtx)
{
	struct lwp *l = rumpuser__curlwp();

	if (l != NULL && (mtx->flags & RUMPUSER_MTX_KMUTEX) &&
	    __atomic_load_n(&mtx->owner, __ATOMIC_RELAXED) == l)
		rumpuser__fatal("mutex_enter %p: locking against myself",
		    (void *)mtx);
}

/*
 * Take a busy mutex, sleeping on the host meanwhile.  Not knowing whether
 * other sleepers remain, it leaves the word at 2 once it has the mutex:
 * at worst one wakeup too many.
 */
static void
mtx_sleep_until_taken(struct rumpuser_mtx *mtx)
{

	while (__atomic_exchange_n(&mtx->word, MTX_CONTENDED,
	    __ATOMIC_ACQUIRE) != MTX_FREE)
		rumpuser__futex_wait(&mtx->word, MTX_CONTENDED, NULL,
		    FUTEX_ANY);
}

/* A busy mutex: wait, keeping whatever CPU the caller has. */
static void
mtx_wait(struct rumpuser_mtx *mtx)
{

	mtx_check_self(mtx);
	mtx_sleep_until_taken(mtx);
}

/*
 * The enter calls once the mutex was busy.  They are out of line, so
 * that taking a free mutex is a leaf function with no stack frame.
 */
static void __attribute__((__noinline__))
mtx_enter_nowrap_busy(struct rumpuser_mtx *mtx)
{

	mtx_wait(mtx);
	rumpuser__mutex_setowner(mtx);
}

/* Only a non-SPIN mutex gives up the CPU, and only here. */
static void __attribute__((__noinline__))
mtx_enter_busy(struct rumpuser_mtx *mtx)
{
	int nlocks;

	if (mtx->flags & RUMPUSER_MTX_SPIN) {
		mtx_wait(mtx);
	} else {
		mtx_check_self(mtx);
		rumpuser__unschedule(&nlocks, NULL);
		mtx_sleep_until_taken(mtx);
		rumpuser__schedule(nlocks, NULL);
	}
	rumpuser__mutex_setowner(mtx);
}

void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{

	if (!mtx_try(mtx)) {
		mtx_enter_nowrap_busy(mtx);
		return;
	}
	rumpuser__mutex_setowner(mtx);
}

void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{

	if (!mtx_try(mtx)) {
		mtx_enter_busy(mtx);
		return;
	}
	rumpuser__mutex_setowner(mtx);
}

/* Busy, including when the caller already holds it: EBUSY. */
int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{

	if (!mtx_try(mtx))
		return NB_EBUSY;
	rumpuser__mutex_setowner(mtx);
	return 0;
}

/* After a release that found the word at was, other than 1 (held). */
static void __attribute__((__noinline__))
mtx_released_busy(struct rumpuser_mtx *mtx, uint32_t was)
{

	if (was != MTX_CONTENDED)
		rumpuser__fatal("mutex_exit %p: not held", (void *)mtx);
	rumpuser__futex_wake(&mtx->word, 1, FUTEX_ANY);
}

static inline void
mtx_release(struct rumpuser_mtx *mtx)
{
	uint32_t was;

	was = __atomic_exchange_n(&mtx->word, MTX_FREE, __ATOMIC_RELEASE);
	if (was != MTX_HELD)
		mtx_released_busy(mtx, was);
}

void
rumpuser__mutex_release(struct rumpuser_mtx *mtx)
{

	mtx_release(mtx);
}

/*
 * The owner goes before the lock word, so nobody sees a free mutex with
 * an owner.  A NULL owner is a holder without an lwp (the kernel's thread
 * trampoline), which cannot be told apart from any other.
 */
static void
mtx_disown(struct rumpuser_mtx *mtx)
{
	struct lwp *owner = __atomic_load_n(&mtx->owner, __ATOMIC_RELAXED);

	if (owner != NULL && owner != rumpuser__curlwp())
		rumpuser__fatal("mutex_exit %p: held by lwp %p, not by "
		    "this one (%p)", (void *)mtx, (void *)owner,
		    (void *)rumpuser__curlwp());
	__atomic_store_n(&mtx->owner, NULL, __ATOMIC_RELAXED);
}

void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{

	if (mtx->flags & RUMPUSER_MTX_KMUTEX)
		mtx_disown(mtx);
	mtx_release(mtx);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{

	if (__atomic_load_n(&mtx->word, __ATOMIC_RELAXED) != MTX_FREE)
		rumpuser__fatal("mutex_destroy %p: mutex held", (void *)mtx);
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
