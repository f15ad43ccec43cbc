/*
 * cv_timedwait_woken_etimedout -- timedwait passes the host result on
 * wrongly: a signalled wait reports ETIMEDOUT. The kernel's cv_timedwait
 * callers then take the timeout path (retransmit, give up) on every
 * wakeup.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int rv = posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);

	return rv == 0 ? 60 /* NetBSD ETIMEDOUT */ : rv;
}
