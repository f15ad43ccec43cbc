/*
 * console_dprintf_truncates -- dprintf formats into a 128-byte buffer with
 * vsnprintf (safe from overflow) and writes what fits: long debug
 * messages lose their tail without a trace.
 */
#include <stdarg.h>
#include <stdio.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_dprintf(const char *fmt, ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs(buf, stderr);
}
