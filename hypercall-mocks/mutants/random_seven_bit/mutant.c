/*
 * random_seven_bit -- every output byte has its top bit clear (a source
 * that yields 7-bit text, or a mask meant for something else): half the
 * byte values never occur and the kernel's keys have 1/8 less entropy.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	unsigned char *b = buf;
	size_t i;
	int rv = posix_rumpuser_getrandom(buf, buflen, flags, retp);

	if (rv == 0)
		for (i = 0; i < *retp; i++)
			b[i] &= 0x7f;
	return rv;
}
