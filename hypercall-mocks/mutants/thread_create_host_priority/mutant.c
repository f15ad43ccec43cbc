/*
 * thread_create_host_priority -- the kernel's priority is taken as a host
 * real-time priority (1..99) and anything outside is refused with EINVAL:
 * PRI_NONE (-1), 0 and the kthread priorities above 99 all fail.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	if (priority < 1 || priority > 99)
		return NB_EINVAL;
	return posix_rumpuser_thread_create(f, arg, thrname, mustjoin, priority,
	    cpuidx, cookie);
}
