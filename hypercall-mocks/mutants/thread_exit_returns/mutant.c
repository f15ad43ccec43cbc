/*
 * thread_exit_returns -- thread_exit does nothing: the kernel's thread
 * trampoline runs off its end after asking to exit.
 */
#include "mutant.h"

static void
exit_nothing(void)
{
}

/* Defined by alias: the header promises the compiler it never returns. */
MUTANT_EXPORT void rumpuser_thread_exit(void)
    __attribute__((__alias__("exit_nothing")));
