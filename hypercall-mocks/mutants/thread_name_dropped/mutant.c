/*
 * thread_name_dropped -- a port to a host without pthread_setname_np
 * that never names its threads: every kernel thread carries the
 * program's name.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	(void)thrname;
	return posix_rumpuser_thread_create(f, arg, NULL, mustjoin, priority,
	    cpuidx, cookie);
}
