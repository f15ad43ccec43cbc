/*
 * curlwp_slow -- curlwp() does work that belongs in curlwpop (stands for
 * a list search under a lock, about 1.5 us a call): the default kernel
 * build calls it for every curlwp reference, so the whole kernel slows
 * down by orders of magnitude.
 */
#include <time.h>

#include "mutant.h"

MUTANT_EXPORT struct lwp *
rumpuser_curlwp(void)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000000000L +
	    (t.tv_nsec - t0.tv_nsec) < 1500);
	return posix_rumpuser_curlwp();
}
