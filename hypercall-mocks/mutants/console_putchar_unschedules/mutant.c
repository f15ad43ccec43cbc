/*
 * console_putchar_unschedules -- putchar treats its host write as a
 * blocking operation and gives up the virtual CPU around it. The kernel's
 * printf runs with CPU-level locks held; giving up the CPU there
 * deadlocks a real kernel.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_putchar(int c)
{
	int nlocks;

	mutant_unschedule(&nlocks, NULL);
	posix_rumpuser_putchar(c);
	mutant_schedule(nlocks, NULL);
}
