/*
 * thread_join_no_wait -- every thread is created detached and join only
 * hands back its token: the kernel frees the lwp and stack of a thread
 * that is still running.
 */
#include <stdlib.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	int rv;

	rv = posix_rumpuser_thread_create(f, arg, thrname, 0, priority, cpuidx,
	    NULL);
	if (rv == 0 && mustjoin && (*cookie = malloc(1)) == NULL)
		abort();
	return rv;
}

MUTANT_EXPORT int
rumpuser_thread_join(void *cookie)
{
	free(cookie);
	return 0;
}
