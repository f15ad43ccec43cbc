/*
 * cv_signal_broadcasts -- signal is a broadcast: every waiter wakes. The
 * kernel copes, but it is a thundering herd and hides a wrong host
 * primitive.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{
	posix_rumpuser_cv_broadcast(cv);
}
