/*
 * cv_ring_wait_deaf -- a cv waiter that may deliver completions (the owner
 * of an adaptive KMUTEX interlock) sleeps on the block I/O ring while
 * requests are on it, to take the completions itself, but the ring
 * watches nothing of the cv: a cv_signal meant for it is seen only once
 * some I/O completes, or the timed wait runs out.
 */
#include "mutant.h"
#include "bio.h"

#include <time.h>

/* The ring wait, on a word nobody wakes (the bug); 0, a spurious wakeup. */
static int
deaf_wait(struct rumpuser_mtx *mtx, const struct timespec *deadline)
{
	static uint32_t nobody;
	struct bioreq done[BIO_REAP_WAITER];
	int n, nlocks;

	posix_rumpuser_mutex_exit(mtx);
	rumpuser__unschedule(&nlocks, NULL);
	n = rumpuser__bio_ring_wait(&nobody, 0, deadline, done, BIO_REAP_WAITER);
	rumpuser__schedule(nlocks, NULL);
	if (n > 0)
		rumpuser__bio_deliver(done, n);
	posix_rumpuser_mutex_enter(mtx);
	return 0;
}

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	if (mutant_holds_kmutex(mtx) && rumpuser__bio_ring_waitable())
		deaf_wait(mtx, NULL);
	else
		posix_rumpuser_cv_wait(cv, mtx);
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct timespec deadline;

	if (!mutant_holds_kmutex(mtx) || !rumpuser__bio_ring_waitable() ||
	    sec < 0 || sec > 3600 || nsec < 0)
		return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	mutant_deadline_in(&deadline, sec, nsec);
	return deaf_wait(mtx, &deadline);
}
