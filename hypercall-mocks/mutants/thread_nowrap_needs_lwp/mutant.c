/*
 * thread_nowrap_needs_lwp -- cv_wait_nowrap queues the waiter on its
 * lwp; a new kernel thread that has none yet (the kernel's trampoline
 * waiting for its lwp) is queued nowhere, misses the signal and only
 * wakes from a 6 s safety timeout.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	struct timespec ts = { 6, 0 };

	if (posix_rumpuser_curlwp() != NULL) {
		posix_rumpuser_cv_wait_nowrap(cv, mtx);
		return;
	}
	posix_rumpuser_mutex_exit(mtx);
	nanosleep(&ts, NULL);
	posix_rumpuser_mutex_enter_nowrap(mtx);
}
