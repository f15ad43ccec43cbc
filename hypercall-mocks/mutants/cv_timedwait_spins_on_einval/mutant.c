/*
 * cv_timedwait_spins_on_einval -- a saturated deadline is written as
 * (INT64_MAX s, 1000000000 ns), which the host's timed wait refuses with
 * EINVAL; the wait loop takes any result but a timeout for a spurious
 * wakeup and tries again at once: the waiter spins on a host CPU until it
 * is signalled.  Modelled here by polling zero-length waits.
 */
#include "mutant.h"

#include <sched.h>

#define FAR_SEC		((int64_t)1 << 40)	/* 34000 years: saturated */
#define NB_ETIMEDOUT	60

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int rv;

	if (sec < FAR_SEC)
		return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	/* A wakeup shows as 0; a refused wait as an immediate timeout. */
	while ((rv = posix_rumpuser_cv_timedwait(cv, mtx, 0, 0)) == NB_ETIMEDOUT)
		sched_yield();
	return rv;
}
