/*
 * thread_detached_never_started -- a detached thread is reported created
 * but never runs: the kernel's fire-and-forget workers (the ones nobody
 * joins) silently do nothing.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	if (!mustjoin)
		return 0;
	return posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
	    priority, cpuidx, cookie);
}
