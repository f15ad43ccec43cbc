/*
 * random_fixed_seed -- each call runs a fresh generator from a constant
 * seed (the seeding step was forgotten): every request, and every kernel
 * instance, gets the same bytes, and so the same keys.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL;	/* the "seed" */
	unsigned char *b = buf;
	size_t i;

	for (i = 0; i < buflen; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = (unsigned char)(x >> 32);
	}
	*retp = buflen;
	return 0;
}
