/*
 * mutex_relock_hangs -- the host lock behaves like a default (not
 * error-checking) pthread mutex: an lwp entering a KMUTEX it already holds
 * waits for itself forever, silently, instead of being stopped with a
 * diagnosis naming the mutex.
 */
#include "mutant.h"

#include <unistd.h>

/* Block for good when the calling lwp already holds the KMUTEX mtx. */
static void
wait_for_myself(struct rumpuser_mtx *mtx)
{
	int flags = mutant_mutex_flags(mtx);
	struct lwp *me = rumpuser_curlwp(), *owner = NULL;

	if (flags == -1 || !(flags & RUMPUSER_MTX_KMUTEX) || me == NULL)
		return;
	posix_rumpuser_mutex_owner(mtx, &owner);
	while (owner == me)
		sleep(1);
}

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	wait_for_myself(mtx);
	posix_rumpuser_mutex_enter(mtx);
}

MUTANT_EXPORT void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{
	wait_for_myself(mtx);
	posix_rumpuser_mutex_enter_nowrap(mtx);
}
