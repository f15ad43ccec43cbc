/*
 * mutex_tryenter_recurses -- the mutex is recursive: tryenter by the lwp
 * already holding a KMUTEX mutex returns 0 (and exit unwinds one level).
 * A NetBSD kernel panics on that recursion; a recursive host mutex hides
 * the locking bug.
 */
#include "mutant.h"
#include "rumpuser_int.h"

static __thread struct rumpuser_mtx *rec_mtx;
static __thread int rec_depth;

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	struct lwp *owner;

	if (posix_rumpuser_mutex_tryenter(mtx) == 0)
		return 0;
	posix_rumpuser_mutex_owner(mtx, &owner);
	if (owner != NULL && owner == rumpuser__curlwp() &&
	    (rec_mtx == NULL || rec_mtx == mtx)) {
		rec_mtx = mtx;
		rec_depth++;
		return 0;
	}
	return 16;	/* NetBSD EBUSY */
}

MUTANT_EXPORT void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	if (rec_mtx == mtx && rec_depth > 0) {
		if (--rec_depth == 0)
			rec_mtx = NULL;
		return;
	}
	posix_rumpuser_mutex_exit(mtx);
}
