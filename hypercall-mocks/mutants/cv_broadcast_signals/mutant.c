/*
 * cv_broadcast_signals -- broadcast is a signal: one waiter wakes, the
 * others sleep on although their condition changed. Kernel code that
 * broadcasts (wakeup of every sleeper on an event) loses wakeups.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{
	posix_rumpuser_cv_signal(cv);
}
