/*
 * mutex_owner_claimed_while_waiting -- the owner field means "who called
 * enter last": a thread writes itself there before it has the mutex and
 * again at every retry, and exit just clears it. Without contention
 * nothing shows; under contention mutex_owner names a waiter while
 * another thread holds the mutex, and mutex_owned() fails in the holder.
 */
#include <time.h>

#include "mutant.h"
#include "rumpuser_int.h"

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	struct timespec ts = { 0, 1000000 };
	int nlocks;

	if (mutant_mutex_enter_unless_waiting(mtx))
		return;
	rumpuser__mutex_setowner(mtx);
	mutant_unschedule(&nlocks, NULL);
	while (posix_rumpuser_mutex_tryenter(mtx) != 0) {
		rumpuser__mutex_setowner(mtx);
		nanosleep(&ts, NULL);
	}
	mutant_schedule(nlocks, NULL);
}

MUTANT_EXPORT void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	rumpuser__mutex_clearowner(mtx);
	rumpuser__mutex_release(mtx);
}
