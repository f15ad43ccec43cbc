/*
 * cv.c -- condition variables on a futex sequence number.
 *
 * Every signal and broadcast bumps seq.  A waiter reads it while still
 * holding the interlock, releases the interlock and sleeps unless seq has
 * moved, so a wakeup sent after the interlock was released is never lost.
 * A waiter still on its way into the sleep when a signal comes returns
 * too, which is a spurious wakeup the kernel's loops allow for.
 *
 * A wrapped wait gives up the virtual CPU with the interlock mutex as
 * the interlock, sleeps, and on wakeup takes the CPU and the mutex back
 * in the order the mutex type requires:
 *   SPIN|KMUTEX: CPU first, then the mutex (nowrap);
 *   SPIN only:   mutex first, then the CPU;
 *   KMUTEX only: as SPIN only, owner recorded before the CPU comes
 *                back -- whoever holds the CPU gives it up when it blocks
 *                on an adaptive mutex, so no cycle can form.
 * The kernel's scheduler lock is waited on without being held: the
 * backend calls take and release it, so after rescheduling the mutex is
 * never touched again.
 *
 * A wrapped wait first submits the block I/O held for one submit (a
 * biowait is the kernel's cue that its requests should go now). When the
 * caller owns mtx as an adaptive KMUTEX and some of that I/O completed at
 * once, it releases mtx, delivers those biodones holding its CPU, retakes
 * mtx and returns without sleeping: a spurious wakeup, and the hop to the
 * reaper saved. If nothing completed and requests are on the io_uring, it
 * sleeps there instead of on seq (the ring watches seq: a wakeup ends the
 * wait as it would the futex's), so that the completion wakes this thread,
 * which delivers it as above: no reaper wakeup, no futex wake back.
 */
#include "bio.h"
#include "futex.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

struct rumpuser_cv {
	uint32_t	seq;		/* futex: bumped by each wakeup */
	int		nwaiters;	/* raised under the interlock */
} __attribute__((__aligned__(RUMPUSER_LOCKALIGN)));

void
rumpuser_cv_init(struct rumpuser_cv **cvp)
{

	*cvp = rumpuser__lockalloc(sizeof(struct rumpuser_cv));
}

void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{

	free(cv);
}

/*
 * Count the caller as a waiter, release mtx and sleep on cv until woken
 * or, if deadline is not NULL, until then.  mtx is free on return and the
 * caller still counted (cv_done).  Returns 0 or NB_ETIMEDOUT.
 */
static int
cv_sleep(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    const struct timespec *deadline)
{
	uint32_t seq;
	int rv;

	__atomic_add_fetch(&cv->nwaiters, 1, __ATOMIC_RELAXED);
	seq = __atomic_load_n(&cv->seq, __ATOMIC_RELAXED);
	rumpuser__mutex_clearowner(mtx);
	rumpuser__mutex_release(mtx);
	do
		rv = rumpuser__futex_wait(&cv->seq, seq, deadline, FUTEX_ANY);
	while (rv != ETIMEDOUT &&
	    __atomic_load_n(&cv->seq, __ATOMIC_ACQUIRE) == seq);
	return rv == ETIMEDOUT ? NB_ETIMEDOUT : 0;
}

/* The wait is over; normally mtx is held again, as for has_waiters. */
static void
cv_done(struct rumpuser_cv *cv)
{

	__atomic_sub_fetch(&cv->nwaiters, 1, __ATOMIC_RELAXED);
}

/* Take the CPU and mtx back, in the order mtx's type requires. */
static void
cv_reacquire(struct rumpuser_mtx *mtx, int nlocks)
{
	const int spinkmutex = RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX;

	if ((mtx->flags & spinkmutex) == spinkmutex) {
		/*
		 * Pass through the mutex first, as the pthread reference
		 * does: whoever woke us (typically still holding it) is
		 * out of its critical section before we want the CPU.
		 */
		rumpuser_mutex_enter_nowrap(mtx);
		rumpuser_mutex_exit(mtx);
		rumpuser__schedule(nlocks, mtx);
		rumpuser_mutex_enter_nowrap(mtx);
	} else {
		rumpuser_mutex_enter_nowrap(mtx);
		/* For the scheduler lock this releases mtx: hands off. */
		rumpuser__schedule(nlocks, mtx);
	}
}

/*
 * Whether mtx is an adaptive KMUTEX (not SPIN) the calling lwp owns: not
 * the scheduler lock, which the caller does not hold.
 */
static int
cv_owns_kmutex(struct rumpuser_mtx *mtx)
{
	struct lwp *owner;

	if ((mtx->flags & (RUMPUSER_MTX_KMUTEX | RUMPUSER_MTX_SPIN)) !=
	    RUMPUSER_MTX_KMUTEX)
		return 0;
	rumpuser_mutex_owner(mtx, &owner);
	return owner != NULL && owner == rumpuser_curlwp();
}

/*
 * Submit the held block I/O, without the CPU if the caller may give it
 * up here, and take what completed at once into done[]; how many.
 */
static int
cv_flush_bio_take(struct bioreq *done)
{
	int n, nlocks;

	rumpuser__unschedule(&nlocks, NULL);
	n = rumpuser__bio_flush(done, BIO_REAP_WAITER);
	rumpuser__schedule(nlocks, NULL);
	return n;
}

/*
 * Submit the held block I/O; deliver what completed at once if the
 * caller may (see the top). Returns whether it did: wait no more.
 */
static int
cv_flush_bio(struct rumpuser_mtx *mtx)
{
	struct bioreq done[BIO_REAP_WAITER];
	int n;

	if (!rumpuser__bio_pending())
		return 0;
	if (!cv_owns_kmutex(mtx)) {
		/* A SPIN mutex keeps its CPU: submit only, the reaper delivers. */
		rumpuser__bio_flush(NULL, 0);
		return 0;
	}
	if ((n = cv_flush_bio_take(done)) == 0)
		return 0;
	rumpuser_mutex_exit(mtx);
	do
		rumpuser__bio_deliver(done, n);
	while (n == BIO_REAP_WAITER && (n = cv_flush_bio_take(done)) > 0);
	rumpuser_mutex_enter(mtx);
	return 1;
}

/*
 * Sleep on the block I/O ring (see the top), mtx released and without the
 * CPU; deliver what completed meanwhile holding the CPU, then take mtx
 * again. Called, and returns, holding mtx and the CPU; 0 or NB_ETIMEDOUT.
 */
static int
cv_ring_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    const struct timespec *deadline)
{
	struct bioreq done[BIO_REAP_WAITER];
	uint32_t seq;
	int n, nlocks, rv;

	__atomic_add_fetch(&cv->nwaiters, 1, __ATOMIC_RELAXED);
	seq = __atomic_load_n(&cv->seq, __ATOMIC_RELAXED);
	rumpuser_mutex_exit(mtx);
	rumpuser__unschedule(&nlocks, NULL);
	n = rumpuser__bio_ring_wait(&cv->seq, seq, deadline, done,
	    BIO_REAP_WAITER);
	rumpuser__schedule(nlocks, NULL);
	cv_done(cv);
	/* The ring wait ends with nothing and no wakeup only at the deadline. */
	rv = n == 0 && deadline != NULL &&
	    __atomic_load_n(&cv->seq, __ATOMIC_ACQUIRE) == seq ? NB_ETIMEDOUT : 0;
	while (n > 0) {
		rumpuser__bio_deliver(done, n);
		n = n == BIO_REAP_WAITER ? cv_flush_bio_take(done) : 0;
	}
	rumpuser_mutex_enter(mtx);
	return rv;
}

static int
cv_wait_wrapped(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    const struct timespec *deadline)
{
	int nlocks, owner, rv;

	/*
	 * Where requests complete during their submit (the page cache,
	 * holes), submit alone first: no wait armed on the ring and then
	 * cancelled. Elsewhere one enter submits and waits.
	 */
	owner = cv_owns_kmutex(mtx);
	if ((!owner || !rumpuser__bio_ring_waitable() ||
	    rumpuser__bio_flush_first()) && cv_flush_bio(mtx))
		return 0;
	if (owner && rumpuser__bio_ring_waitable())
		return cv_ring_wait(cv, mtx, deadline);

	/* Still holding mtx (or, for the scheduler lock, taking it here). */
	rumpuser__unschedule(&nlocks, mtx);
	rv = cv_sleep(cv, mtx, deadline);
	cv_reacquire(mtx, nlocks);
	cv_done(cv);
	return rv;
}

void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{

	cv_wait_wrapped(cv, mtx, NULL);
}

void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{

	cv_sleep(cv, mtx, NULL);
	rumpuser_mutex_enter_nowrap(mtx);
	cv_done(cv);
}

/* now + (sec, nsec) on CLOCK_MONOTONIC, saturating far-away deadlines. */
static struct timespec
deadline_after(int64_t sec, int64_t nsec)
{
	const int64_t tmax = sizeof(time_t) == 4 ? INT32_MAX : INT64_MAX;
	struct timespec ts;
	int64_t carry;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (sec < 0 || nsec < 0)
		return ts;	/* already expired */
	carry = nsec / NSEC_PER_SEC;
	nsec %= NSEC_PER_SEC;
	/* One spare second for the nanosecond carry below. */
	if (sec > tmax - ts.tv_sec - carry - 1) {
		ts.tv_sec = (time_t)tmax;
		ts.tv_nsec = NSEC_PER_SEC - 1;
		return ts;
	}
	ts.tv_sec += (time_t)(sec + carry);
	ts.tv_nsec += (long)nsec;
	if (ts.tv_nsec >= NSEC_PER_SEC) {
		ts.tv_nsec -= NSEC_PER_SEC;
		ts.tv_sec++;
	}
	return ts;
}

/* Returns 0 when woken, NetBSD ETIMEDOUT (60) when the time ran out. */
int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct timespec deadline;

	/* The timeout counts from the call, not from after unscheduling. */
	deadline = deadline_after(sec, nsec);
	return cv_wait_wrapped(cv, mtx, &deadline);
}

/* Bump seq, then wake n sleepers, if anyone waits at all. */
static void
cv_wake(struct rumpuser_cv *cv, int n)
{

	if (__atomic_load_n(&cv->nwaiters, __ATOMIC_RELAXED) == 0)
		return;
	__atomic_add_fetch(&cv->seq, 1, __ATOMIC_RELEASE);
	rumpuser__futex_wake(&cv->seq, n, FUTEX_ANY);
}

void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{

	cv_wake(cv, 1);
}

void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{

	cv_wake(cv, INT_MAX);
}

void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *waitersp)
{

	*waitersp = __atomic_load_n(&cv->nwaiters, __ATOMIC_RELAXED);
}
