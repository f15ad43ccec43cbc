/*
 * thread_detached_writes_cookie -- the hypervisor does not track
 * joinability and writes a cookie for every thread, detached ones too,
 * through whatever pointer it got (NULL here: a crash).
 */
#include <stdlib.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	int rv = posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
	    priority, cpuidx, cookie);

	if (rv == 0 && !mustjoin)
		*(void *volatile *)cookie = NULL;
	return rv;
}
