/*
 * console_putchar_high_bytes -- putchar uses the character as a signed
 * index into a translation table and falls over on bytes above 127: the
 * kernel's printf of any non-ASCII byte brings the whole process down.
 */
#include <stdlib.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_putchar(int c)
{
	if ((signed char)c < 0)
		abort();
	posix_rumpuser_putchar(c);
}
