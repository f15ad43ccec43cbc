/*
 * rw_tryenter_takes_and_fails -- tryenter takes the lock and then reports
 * failure: the kernel's rw_tryenter never succeeds on a free lock, and
 * the hold it does not know of is leaked.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int rv = posix_rumpuser_rw_tryenter(enum_rumprwlock, rw);

	return rv == 0 ? 16 /* NetBSD EBUSY */ : rv;
}
