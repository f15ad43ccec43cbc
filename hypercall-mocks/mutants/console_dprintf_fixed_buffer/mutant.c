/*
 * console_dprintf_fixed_buffer -- dprintf formats into a 256-byte stack
 * buffer with vsprintf: a long message (a path, a dumped buffer) runs
 * over the stack and takes the hypervisor down with it.
 */
#include <stdarg.h>
#include <stdio.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_dprintf(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsprintf(line, fmt, ap);
	va_end(ap);
	fputs(line, stderr);
}
