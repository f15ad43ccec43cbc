/*
 * rw_tryupgrade_stays_shared -- tryupgrade by the only reader reports
 * success without turning the hold into a write hold: the kernel then
 * writes under what is still a shared lock, and other readers walk in.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
	int readers;

	posix_rumpuser_rw_held(RUMPUSER_RW_READER, rw, &readers);
	return readers == 1 ? 0 : 16;	/* NetBSD EBUSY */
}
