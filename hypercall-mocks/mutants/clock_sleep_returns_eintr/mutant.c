/*
 * clock_sleep_returns_eintr -- a relative sleep sleeps its time but then
 * reports EINTR (a host signal's error leaked through): kpause asserts
 * success, and the kernel's clock thread panics on the error.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int rv = posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);

	if (rv == 0 && enum_rumpclock == RUMPUSER_CLOCK_RELWALL)
		rv = NB_EINTR;
	return rv;
}
