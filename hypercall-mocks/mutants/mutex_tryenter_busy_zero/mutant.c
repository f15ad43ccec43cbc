/*
 * mutex_tryenter_busy_zero -- tryenter ignores the host trylock result:
 * it records the caller as owner and reports success even when another
 * thread holds the mutex, so two threads run in one critical section.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	if (posix_rumpuser_mutex_tryenter(mtx) != 0)
		rumpuser__mutex_setowner(mtx);
	return 0;
}
