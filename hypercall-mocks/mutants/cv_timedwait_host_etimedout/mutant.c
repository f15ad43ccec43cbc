/*
 * cv_timedwait_host_etimedout -- a timed-out cv_timedwait returns the
 * pthread result raw: 110 on Linux, which is no NetBSD errno, so the
 * kernel does not recognise its timeout and treats it as an error.
 */
#include <errno.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int rv = posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);

	return rv == NB_ETIMEDOUT ? ETIMEDOUT : rv;
}
