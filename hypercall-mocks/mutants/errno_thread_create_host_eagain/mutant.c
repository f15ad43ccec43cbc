/*
 * errno_thread_create_host_eagain -- thread_create hands the
 * pthread_create error on raw: on Linux EAGAIN is 11, NetBSD's EDEADLK,
 * so kthread_create reports a deadlock instead of a temporary shortage.
 */
#include <errno.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	int rv = posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
	    priority, cpuidx, cookie);

	return rv == NB_EAGAIN ? EAGAIN : rv;
}
