/*
 * random_wordwise_overrun -- output is copied out in whole 64-bit words,
 * the length rounded up to a multiple of 8: up to 7 bytes past the end of
 * an odd-sized buffer are overwritten, corrupting kernel memory.
 */
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	size_t words = (buflen + 7) / 8 * 8, got;
	uint64_t *tmp;
	int rv;

	if (buflen == 0 || (tmp = malloc(words)) == NULL)
		return posix_rumpuser_getrandom(buf, buflen, flags, retp);
	if ((rv = posix_rumpuser_getrandom(tmp, words, flags, &got)) == 0) {
		memcpy(buf, tmp, (got + 7) / 8 * 8);
		*retp = got < buflen ? got : buflen;
	}
	free(tmp);
	return rv;
}
