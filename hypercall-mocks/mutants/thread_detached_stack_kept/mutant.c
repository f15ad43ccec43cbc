/*
 * thread_detached_stack_kept -- a user-level thread package's stack
 * bookkeeping: every thread gets a 256 KiB stack with a guard page,
 * unmapped when the thread is joined; a detached thread is never joined,
 * so its stack stays mapped after it ended. Each one leaks 260 KiB, too
 * little for a host thread count to notice.
 */
#include <sys/mman.h>

#include <unistd.h>

#include "mutant.h"

#define STACK_BYTES	(256u << 10)

/* The stack the package maps for a thread; only a join would unmap it. */
static void
stack_map(void)
{
	size_t guard = (size_t)sysconf(_SC_PAGESIZE);
	char *mem = mmap(NULL, STACK_BYTES + guard, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (mem != MAP_FAILED)
		(void)mprotect(mem, guard, PROT_NONE);
}

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	int error = posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
	    priority, cpuidx, cookie);

	if (error == 0 && !mustjoin)
		stack_map();
	return error;
}
