/*
 * mutex_recursive_per_lwp -- mutexes recurse for the lwp holding them, as
 * in NetBSD's fiber librumpuser: tryenter by the holder returns 0 and
 * exit unwinds one level, for every mutex type, including while a cv wait
 * takes its interlock back. Not a contract break (MTX-004 is REFERENCE):
 * the mock kernel must still see the interlock held where it is (CV-008,
 * CV-009), which a probe by the holder itself cannot.
 */
#include "mutant.h"
#include "rumpuser_int.h"

/* Who holds the mutex and how deep, kept in the lock object's padding. */
struct rec {
	struct lwp *holder;
	int depth;
};
#define REC_OFFSET	32
_Static_assert(sizeof(struct rumpuser_mtx) >= REC_OFFSET + sizeof(struct rec),
    "no room for the recursion record in struct rumpuser_mtx");

static struct rec *
rec(struct rumpuser_mtx *mtx)
{
	return (struct rec *)(void *)((char *)mtx + REC_OFFSET);
}

static void
taken(struct rumpuser_mtx *mtx)
{
	rec(mtx)->holder = rumpuser__curlwp();
	rec(mtx)->depth = 1;
}

static void
dropped(struct rumpuser_mtx *mtx)
{
	rec(mtx)->holder = NULL;
	rec(mtx)->depth = 0;
}

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	struct lwp *l = rumpuser__curlwp();

	if (posix_rumpuser_mutex_tryenter(mtx) == 0) {
		taken(mtx);
		return 0;
	}
	if (l != NULL && rec(mtx)->holder == l) {
		rec(mtx)->depth++;
		return 0;
	}
	return 16;	/* NetBSD EBUSY */
}

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	posix_rumpuser_mutex_enter(mtx);
	taken(mtx);
}

MUTANT_EXPORT void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{
	posix_rumpuser_mutex_enter_nowrap(mtx);
	taken(mtx);
}

MUTANT_EXPORT void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	if (rec(mtx)->depth > 1) {
		rec(mtx)->depth--;
		return;
	}
	dropped(mtx);
	posix_rumpuser_mutex_exit(mtx);
}

/* The wait of the reference, with the interlock's record kept up to date. */
MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	const int spinkmutex = RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX;
	int nlocks;

	mutant_unschedule(&nlocks, mtx);
	dropped(mtx);
	posix_rumpuser_cv_wait_nowrap(cv, mtx);
	taken(mtx);
	if ((mtx->flags & spinkmutex) == spinkmutex) {
		rumpuser_mutex_exit(mtx);
		mutant_schedule(nlocks, mtx);
		rumpuser_mutex_enter_nowrap(mtx);
	} else
		mutant_schedule(nlocks, mtx);
}

MUTANT_EXPORT void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	dropped(mtx);
	posix_rumpuser_cv_wait_nowrap(cv, mtx);
	taken(mtx);
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int rv;

	dropped(mtx);
	rv = posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	taken(mtx);
	return rv;
}
