/*
 * proc_exit_returns -- rumpuser_exit only acts on a panic; any other
 * value returns to the kernel, which then continues after it asked to
 * halt.
 */
#include "mutant.h"

static void
exit_unless_panic(int value)
{
	if (value == RUMPUSER_PANIC)
		posix_rumpuser_exit(value);
}

/* Defined by alias: the header promises the compiler it never returns. */
MUTANT_EXPORT void rumpuser_exit(int)
    __attribute__((__alias__("exit_unless_panic")));
