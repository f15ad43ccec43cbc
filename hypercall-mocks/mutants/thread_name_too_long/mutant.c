/*
 * thread_name_too_long -- the name goes to a host call with a 16-byte
 * limit (pthread_setname_np) and its ERANGE fails the create: kernel
 * threads with long names never start.
 */
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	if (thrname != NULL && strlen(thrname) > 15)
		return 34;	/* NetBSD ERANGE */
	return posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
	    priority, cpuidx, cookie);
}
