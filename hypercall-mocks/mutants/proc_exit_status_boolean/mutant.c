/*
 * proc_exit_status_boolean -- exit squashes the kernel's status to 0/1:
 * whoever runs the kernel cannot tell one halt reason from another.
 */
#include <stdlib.h>

#include "mutant.h"

static void
exit_boolean(int value)
{
	if (value == RUMPUSER_PANIC)
		posix_rumpuser_exit(value);
	exit(value != 0);
}

/* Defined by alias: the header promises the compiler it never returns. */
MUTANT_EXPORT void rumpuser_exit(int)
    __attribute__((__alias__("exit_boolean")));
