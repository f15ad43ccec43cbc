/*
 * cv_timedwait_ns_32bit -- the relative timeout is computed as
 * sec * 1e9 + nsec in a 32-bit int (a long on ILP32): anything from
 * 2^31 ns (2.1 s) on wraps, and a wrapped, non-positive timeout has
 * expired already.
 */
#include "mutant.h"

#define NSEC_PER_SEC	1000000000LL

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int32_t ns = (int32_t)(uint32_t)((uint64_t)sec * NSEC_PER_SEC + (uint64_t)nsec);

	if (ns <= 0)
		return posix_rumpuser_cv_timedwait(cv, mtx, 0, 0);
	return posix_rumpuser_cv_timedwait(cv, mtx, ns / NSEC_PER_SEC, ns % NSEC_PER_SEC);
}
