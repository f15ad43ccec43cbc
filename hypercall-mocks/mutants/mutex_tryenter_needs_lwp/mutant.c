/*
 * mutex_tryenter_needs_lwp -- tryenter refuses (EBUSY) when the calling
 * thread has no lwp, as if it needed one to record the owner: the
 * kernel's thread trampoline tries locks before it binds its lwp and
 * would spin forever.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	if (rumpuser__curlwp() == NULL)
		return 16;	/* NetBSD EBUSY */
	return posix_rumpuser_mutex_tryenter(mtx);
}
