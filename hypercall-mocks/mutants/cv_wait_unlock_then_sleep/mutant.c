/*
 * cv_wait_unlock_then_sleep -- the wait unlocks the interlock, and only
 * after a moment goes to sleep (like a hand-made cv on a flag): a signal
 * sent under the interlock in that window is lost and the kernel thread
 * sleeps although its condition holds.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	struct timespec window = { 0, 200000L };

	posix_rumpuser_mutex_exit(mtx);
	nanosleep(&window, NULL);
	posix_rumpuser_mutex_enter(mtx);
	posix_rumpuser_cv_wait(cv, mtx);	/* signals meanwhile: gone */
}
