/*
 * mutex_enter_spins -- a busy adaptive mutex is waited for by retrying
 * tryenter with sched_yield() in between, off the virtual CPU: correct,
 * but every kernel thread blocked on a mutex burns a host CPU for as long
 * as the holder keeps it.
 */
#include <sched.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	int nlocks;

	if (mutant_mutex_enter_unless_waiting(mtx))
		return;
	mutant_unschedule(&nlocks, NULL);
	while (posix_rumpuser_mutex_tryenter(mtx) != 0)
		sched_yield();
	mutant_schedule(nlocks, NULL);
}
