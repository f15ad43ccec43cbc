/*
 * cv_timedwait_keeps_interlock -- timedwait sleeps its timeout on the
 * host still holding the interlock: nobody can change the condition or
 * signal meanwhile, so every kernel timed sleep runs to its timeout.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct timespec ts = { (time_t)sec, (long)nsec };
	int nlocks;

	mutant_unschedule(&nlocks, mtx);
	nanosleep(&ts, NULL);
	mutant_schedule(nlocks, mtx);
	return 60;	/* NetBSD ETIMEDOUT */
}
