/*
 * rw_tryupgrade_refused_but_upgraded -- the result of the upgrade's
 * compare-and-swap is read the wrong way round: the sole reader's lock
 * becomes write-held, yet EBUSY is returned. The caller believes it still
 * reads, and its later rw_exit releases a lock in a state it never knew.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
	int rv = posix_rumpuser_rw_tryupgrade(rw);

	return rv == 0 ? 16 : rv;	/* NetBSD EBUSY */
}
