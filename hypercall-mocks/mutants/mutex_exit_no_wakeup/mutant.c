/*
 * mutex_exit_no_wakeup -- exit never wakes threads blocked in enter: they
 * only find the mutex free when their own (2.5 s) poll comes round, as
 * with a lost futex wakeup papered over by a timeout. Every contended
 * kernel lock then stalls for seconds.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	struct timespec slow = { 2, 500000000L }, fast = { 0, 2000000L };
	int nlocks, first = 1;

	if (posix_rumpuser_mutex_tryenter(mtx) == 0)
		return;
	mutant_unschedule(&nlocks, NULL);
	while (posix_rumpuser_mutex_tryenter(mtx) != 0) {
		nanosleep(first ? &slow : &fast, NULL);
		first = 0;
	}
	mutant_schedule(nlocks, NULL);
}
