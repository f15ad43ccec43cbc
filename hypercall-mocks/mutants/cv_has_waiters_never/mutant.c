/*
 * cv_has_waiters_never -- has_waiters keeps no count and answers 0: the
 * kernel skips wakeups it believes nobody needs, and waiters sleep
 * forever.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *waitersp)
{
	(void)cv;
	*waitersp = 0;
}
