/*
 * console_putchar_unflushed -- putchar hands each character to stdio and
 * never flushes: on a file or a pipe stdout is fully buffered, so lines
 * wait in the buffer until it fills or the process exits normally, and a
 * crash or a kill loses them.
 */
#include <stdio.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_putchar(int c)
{
	putc(c, stdout);
}
