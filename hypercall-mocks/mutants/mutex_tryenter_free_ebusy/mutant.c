/*
 * mutex_tryenter_free_ebusy -- tryenter takes a free mutex and then
 * reports failure (the host result is inverted): the kernel's
 * mutex_tryenter never succeeds, and the hold it does not know of leaks.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	int rv = posix_rumpuser_mutex_tryenter(mtx);

	return rv == 0 ? 16 /* NetBSD EBUSY */ : rv;
}
