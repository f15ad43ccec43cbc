/*
 * cv_ring_wait_left_armed -- a cv waiter that may deliver completions (the
 * owner of an adaptive KMUTEX interlock) registers its wait with an
 * io_uring as well (a futex wait there, so that a wakeup or a completion
 * ends it), but when the wait ends another way it does not withdraw that
 * registration: the ring's futex wait stays queued on the cv and takes
 * the next cv_signal, meant for a thread that really waits.
 */
#include "mutant.h"
#include "bio.h"
#include "hostring.h"

#include <stdlib.h>

#if HOSTRING_AVAILABLE
/* cv.c's layout: the futex word first. */
struct cv_words {
	uint32_t	seq;
	int		nwaiters;
};

static pthread_mutex_t side_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hostring side;
static int side_state;		/* 0 unset, 1 up, -1 refused */

/* Queue a futex wait on the cv's word; never cancelled (the bug). */
static void
register_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	struct cv_words *w = (struct cv_words *)(void *)cv;

	if (!mutant_holds_kmutex(mtx) || !rumpuser__bio_ring_waitable())
		return;
	pthread_mutex_lock(&side_lock);
	if (side_state == 0)
		side_state = hostring_setup(&side, 64) == 0 &&
		    hostring_can_wait_futex(&side) ? 1 : -1;
	if (side_state == 1) {
		hostring_queue_futex_wait(&side, &w->seq,
		    __atomic_load_n(&w->seq, __ATOMIC_RELAXED), 1);
		if (hostring_submit(&side, 0) == -1)
			abort();
	}
	pthread_mutex_unlock(&side_lock);
}
#else
static void
register_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	(void)cv;
	(void)mtx;
}
#endif

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	register_wait(cv, mtx);
	posix_rumpuser_cv_wait(cv, mtx);
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	register_wait(cv, mtx);
	return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
}
