/*
 * thread_enomem_minus_one -- the thread's start record comes from the
 * heap, and a failed allocation is answered with -1, the libc habit,
 * instead of an errno.
 */
#include <stdlib.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	void *probe = malloc(64);

	if (probe == NULL)
		return -1;
	free(probe);
	return posix_rumpuser_thread_create(f, arg, thrname, mustjoin, priority,
	    cpuidx, cookie);
}
