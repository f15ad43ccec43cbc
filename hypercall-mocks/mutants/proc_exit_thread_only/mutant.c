/*
 * proc_exit_thread_only -- exit is built on pthread_exit everywhere but
 * the initial thread: a panic on a kernel thread stops that thread and
 * the rest of the kernel runs on.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "mutant.h"

static void
exit_this_thread(int value)
{
	if (syscall(SYS_gettid) != getpid())
		pthread_exit(NULL);
	posix_rumpuser_exit(value);
}

/* Defined by alias: the header promises the compiler it never returns. */
MUTANT_EXPORT void rumpuser_exit(int)
    __attribute__((__alias__("exit_this_thread")));
