/*
 * mutex_tryenter_busy_boolean -- tryenter reports a busy mutex as 1, the
 * "failed" flag of a boolean trylock API (C11 mtx_trylock style ports),
 * instead of NetBSD EBUSY (16).
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	return posix_rumpuser_mutex_tryenter(mtx) != 0;
}
