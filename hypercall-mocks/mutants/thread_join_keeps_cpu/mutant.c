/*
 * thread_join_keeps_cpu -- join blocks in the host join without giving up
 * the virtual CPU: if the thread being joined needs that CPU to finish,
 * the kernel deadlocks.
 */
#include <stdlib.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	(void)thrname;
	(void)priority;
	(void)cpuidx;
	return mutant_thread_create(f, arg, mustjoin, cookie);
}

MUTANT_EXPORT int
rumpuser_thread_join(void *cookie)
{
	struct mutant_thread *mt = cookie;

	if (mt == NULL || pthread_join(mt->pt, NULL) != 0)
		return 22;	/* EINVAL */
	free(mt);
	return 0;
}
