/*
 * cv.c -- condition variables on CLOCK_MONOTONIC pthread conds.
 *
 * A wrapped wait gives up the virtual CPU with the interlock mutex as
 * the interlock, sleeps, and on wakeup takes the CPU and the mutex back
 * in the order the mutex type requires:
 *   SPIN|KMUTEX: CPU first, then the mutex (nowrap);
 *   SPIN only:   mutex first (pthread re-took it), then the CPU;
 *   KMUTEX only: as SPIN only, owner recorded before the CPU comes
 *                back -- whoever holds the CPU gives it up when it blocks
 *                on an adaptive mutex, so no cycle can form.
 * The kernel's scheduler lock is waited on without being held: the
 * backend calls take and release it, so after rescheduling the mutex is
 * never touched again.
 */
#include "rumpuser_int.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NSEC_PER_SEC	1000000000L

struct rumpuser_cv {
	pthread_cond_t	pthcv;
	int		nwaiters;	/* changed under the interlock */
} __attribute__((__aligned__(RUMPUSER_LOCKALIGN)));

void
rumpuser_cv_init(struct rumpuser_cv **cvp)
{
	struct rumpuser_cv *cv;
	pthread_condattr_t attr;
	int rv;

	cv = rumpuser__lockalloc(sizeof(*cv));
	if ((rv = pthread_condattr_init(&attr)) != 0 ||
	    (rv = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)) != 0 ||
	    (rv = pthread_cond_init(&cv->pthcv, &attr)) != 0)
		rumpuser__fatal("cv_init: %s", strerror(rv));
	pthread_condattr_destroy(&attr);
	*cvp = cv;
}

void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{
	int rv;

	if ((rv = pthread_cond_destroy(&cv->pthcv)) != 0)
		rumpuser__fatal("cv_destroy %p: %s", (void *)cv, strerror(rv));
	free(cv);
}

/*
 * Sleep on cv with mtx held until woken or, if deadline is not NULL,
 * until then; mtx is held again on return.  Returns 0 or the host
 * ETIMEDOUT.
 */
static int
cv_sleep(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    const struct timespec *deadline)
{
	int rv;

	__atomic_add_fetch(&cv->nwaiters, 1, __ATOMIC_RELAXED);
	rumpuser__mutex_clearowner(mtx);
	if (deadline == NULL)
		rv = pthread_cond_wait(&cv->pthcv, &mtx->pthmtx);
	else
		rv = pthread_cond_timedwait(&cv->pthcv, &mtx->pthmtx,
		    deadline);
	__atomic_sub_fetch(&cv->nwaiters, 1, __ATOMIC_RELAXED);
	if (rv != 0 && rv != ETIMEDOUT)
		rumpuser__fatal("cv wait %p on mutex %p: %s", (void *)cv,
		    (void *)mtx, strerror(rv));
	rumpuser__mutex_setowner(mtx);
	return rv;
}

/* Take the CPU back; mtx is held on entry and on return. */
static void
cv_reacquire(struct rumpuser_mtx *mtx, int nlocks)
{
	const int spinkmutex = RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX;

	if ((mtx->flags & spinkmutex) == spinkmutex) {
		rumpuser_mutex_exit(mtx);
		rumpuser__schedule(nlocks, mtx);
		rumpuser_mutex_enter_nowrap(mtx);
	} else {
		/* For the scheduler lock this releases mtx: hands off. */
		rumpuser__schedule(nlocks, mtx);
	}
}

static int
cv_wait_wrapped(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    const struct timespec *deadline)
{
	int nlocks, rv;

	/* Still holding mtx (or, for the scheduler lock, taking it here). */
	rumpuser__unschedule(&nlocks, mtx);
	rv = cv_sleep(cv, mtx, deadline);
	cv_reacquire(mtx, nlocks);
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
	return ET(cv_wait_wrapped(cv, mtx, &deadline));
}

void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{

	pthread_cond_signal(&cv->pthcv);
}

void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{

	pthread_cond_broadcast(&cv->pthcv);
}

void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *waitersp)
{

	*waitersp = __atomic_load_n(&cv->nwaiters, __ATOMIC_RELAXED);
}
