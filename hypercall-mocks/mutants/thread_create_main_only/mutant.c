/*
 * thread_create_main_only -- thread_create works only from the process's
 * initial host thread (a hypervisor that sets up its thread machinery
 * there and nowhere else): kernel threads cannot start worker threads of
 * their own.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	if (syscall(SYS_gettid) != getpid())
		return 35;	/* NetBSD EAGAIN */
	return posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
	    priority, cpuidx, cookie);
}
