/*
 * cv_timedwait_early_eagain -- a wait that returns without having slept
 * (here: after submitting and delivering the block I/O held for the
 * waiter) passes up its housekeeping path's "try again" as the result:
 * EAGAIN, neither 0 nor ETIMEDOUT, and the kernel takes it for a timeout
 * that never happened.
 */
#include <time.h>

#include "mutant.h"

#define NB_EAGAIN	35
#define AT_ONCE_NS	1000000		/* no sleep happened in under 1 ms */

static int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx, int64_t sec,
    int64_t nsec)
{
	int64_t t0 = mono_ns();
	int rv = posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);

	if (rv == 0 && mono_ns() - t0 < AT_ONCE_NS && (sec > 0 || nsec > AT_ONCE_NS))
		return NB_EAGAIN;
	return rv;
}
