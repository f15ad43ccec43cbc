/*
 * cv_ring_wait_polls -- a cv waiter that may deliver completions (the
 * owner of an adaptive KMUTEX interlock) waits on the block I/O ring while
 * requests are on it, but as a port whose ring wait could not take the
 * cv's deadline would: it looks at the ring with a deadline already past,
 * then at the cv's word and the clock, and looks again. Every wakeup, every
 * completion and every timeout is seen, at once; the thread never sleeps.
 */
#include "mutant.h"
#include "bio.h"

#include <time.h>

/* cv.c's layout: the futex word first, then the waiter count. */
struct cv_words {
	uint32_t	seq;
	int		nwaiters;
};

static int
passed(const struct timespec *deadline)
{
	struct timespec now;

	if (deadline == NULL)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > deadline->tv_sec ||
	    (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

/* The polling wait (the bug); 0 or NB_ETIMEDOUT, as the reference's. */
static int
polled_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    const struct timespec *deadline)
{
	struct cv_words *w = (struct cv_words *)(void *)cv;
	struct bioreq done[BIO_REAP_WAITER];
	struct timespec now;
	uint32_t seq;
	int n = 0, nlocks, rv = 0;

	__atomic_add_fetch(&w->nwaiters, 1, __ATOMIC_RELAXED);
	seq = __atomic_load_n(&w->seq, __ATOMIC_RELAXED);
	posix_rumpuser_mutex_exit(mtx);
	rumpuser__unschedule(&nlocks, NULL);
	while (n == 0 && __atomic_load_n(&w->seq, __ATOMIC_ACQUIRE) == seq) {
		if (passed(deadline)) {
			rv = NB_ETIMEDOUT;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		n = rumpuser__bio_ring_wait(&w->seq, seq, &now, done, BIO_REAP_WAITER);
	}
	rumpuser__schedule(nlocks, NULL);
	__atomic_sub_fetch(&w->nwaiters, 1, __ATOMIC_RELAXED);
	if (n > 0)
		rumpuser__bio_deliver(done, n);
	posix_rumpuser_mutex_enter(mtx);
	return n > 0 ? 0 : rv;
}

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	if (mutant_holds_kmutex(mtx) && rumpuser__bio_ring_waitable())
		polled_wait(cv, mtx, NULL);
	else
		posix_rumpuser_cv_wait(cv, mtx);
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct timespec deadline;

	/* Only deadlines a time_t holds: the others go to the reference. */
	if (!mutant_holds_kmutex(mtx) || !rumpuser__bio_ring_waitable() ||
	    sec < 0 || sec > 1000000 || nsec < 0)
		return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	mutant_deadline_in(&deadline, sec, nsec);
	return polled_wait(cv, mtx, &deadline);
}
