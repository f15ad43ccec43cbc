/*
 * rw_exit_no_wakeup -- exit never wakes threads blocked in rw_enter: they
 * find the lock free only when their own 2.5 s poll comes round (a lost
 * wakeup papered over by a timeout). Every contended rwlock in the kernel
 * then stalls for seconds.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	struct timespec slow = { 2, 500000000L }, fast = { 0, 2000000L };
	int nlocks, first = 1;

	if (posix_rumpuser_rw_tryenter(enum_rumprwlock, rw) == 0)
		return;
	mutant_unschedule(&nlocks, NULL);
	while (posix_rumpuser_rw_tryenter(enum_rumprwlock, rw) != 0) {
		nanosleep(first ? &slow : &fast, NULL);
		first = 0;
	}
	mutant_schedule(nlocks, NULL);
}
