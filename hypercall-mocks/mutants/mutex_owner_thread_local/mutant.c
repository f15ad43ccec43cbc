/*
 * mutex_owner_thread_local -- the owner is in effect kept per calling
 * thread: mutex_owner reports the holder only to the holder itself and
 * NULL to everyone else. The kernel's mutex_owner() used by other lwps
 * (lockdebug, adaptive spinning decisions, crash dumps) then lies.
 */
#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT void
rumpuser_mutex_owner(struct rumpuser_mtx *mtx, struct lwp **lp)
{
	posix_rumpuser_mutex_owner(mtx, lp);
	if (*lp != rumpuser__curlwp())
		*lp = NULL;
}
