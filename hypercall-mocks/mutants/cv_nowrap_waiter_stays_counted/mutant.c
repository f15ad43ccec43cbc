/*
 * cv_nowrap_waiter_stays_counted -- cv_wait_nowrap counts its caller as a
 * waiter but its return path forgets to take it off again: every nowrap
 * wait that returned leaves one phantom waiter, so cv_has_waiters
 * reports sleepers that are gone.
 */
#include "mutant.h"

#define MAX_CVS	64

/* Waiters left on the count of each cv by returned nowrap waits. */
static struct {
	struct rumpuser_cv *cv;
	int leaked;
} phantom[MAX_CVS];
static pthread_mutex_t phantom_lock = PTHREAD_MUTEX_INITIALIZER;

/* The slot of cv (a free one taken for it when add), or -1. */
static int
slot_of(struct rumpuser_cv *cv, int add)
{
	int i, free_slot = -1;

	for (i = 0; i < MAX_CVS; i++) {
		if (phantom[i].cv == cv)
			return i;
		if (phantom[i].cv == NULL && free_slot < 0)
			free_slot = i;
	}
	if (!add || free_slot < 0)
		return -1;
	phantom[free_slot].cv = cv;
	phantom[free_slot].leaked = 0;
	return free_slot;
}

MUTANT_EXPORT void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	int i;

	posix_rumpuser_cv_wait_nowrap(cv, mtx);
	pthread_mutex_lock(&phantom_lock);
	if ((i = slot_of(cv, 1)) >= 0)
		phantom[i].leaked++;
	pthread_mutex_unlock(&phantom_lock);
}

MUTANT_EXPORT void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *waitersp)
{
	int i;

	posix_rumpuser_cv_has_waiters(cv, waitersp);
	pthread_mutex_lock(&phantom_lock);
	if ((i = slot_of(cv, 0)) >= 0)
		*waitersp += phantom[i].leaked;
	pthread_mutex_unlock(&phantom_lock);
}

MUTANT_EXPORT void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{
	int i;

	pthread_mutex_lock(&phantom_lock);
	if ((i = slot_of(cv, 0)) >= 0)
		phantom[i].cv = NULL;
	pthread_mutex_unlock(&phantom_lock);
	posix_rumpuser_cv_destroy(cv);
}
