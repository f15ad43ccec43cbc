/*
 * thread_join_reports_error -- join waits for and reaps the thread but
 * then reports EINVAL: kthread_join tells the kernel a clean join failed.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_join(void *cookie)
{
	int rv = posix_rumpuser_thread_join(cookie);

	return rv == 0 ? 22 : rv;	/* NetBSD EINVAL */
}
