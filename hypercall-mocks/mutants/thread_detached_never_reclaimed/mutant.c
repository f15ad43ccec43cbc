/*
 * thread_detached_never_reclaimed -- every thread is created joinable
 * (the host's default attribute); a detached kernel thread's cookie is
 * dropped, so nobody ever joins it and the host keeps its stack and
 * descriptor forever. Each short-lived kernel thread leaks megabytes.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	void *lost;

	if (mustjoin)
		return posix_rumpuser_thread_create(f, arg, thrname, 1, priority,
		    cpuidx, cookie);
	return posix_rumpuser_thread_create(f, arg, thrname, 1, priority, cpuidx, &lost);
}
