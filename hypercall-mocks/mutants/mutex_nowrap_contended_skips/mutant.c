/*
 * mutex_nowrap_contended_skips -- enter_nowrap on a busy mutex yields once
 * and returns without it (a cooperative port's "the holder will be done
 * once I yield", wrong when the holder is another host thread): two
 * threads enter the scheduler's per-CPU lock at once.
 */
#include <sched.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{
	if (posix_rumpuser_mutex_tryenter(mtx) != 0)
		sched_yield();
}
