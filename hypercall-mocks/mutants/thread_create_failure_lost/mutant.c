/*
 * thread_create_failure_lost -- pthread_create's result is not looked
 * at: when the host cannot make the thread the kernel is told it exists.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	(void)posix_rumpuser_thread_create(f, arg, thrname, mustjoin, priority,
	    cpuidx, cookie);
	return 0;
}
