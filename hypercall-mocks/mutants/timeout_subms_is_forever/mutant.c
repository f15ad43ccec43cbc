/*
 * timeout_subms_is_forever -- timeouts become whole milliseconds, and a
 * count of 0 means "no timeout" to the host timer: a RELWALL sleep or a
 * timed wait shorter than 1 ms never ends (NetBSD's fiber hypervisor).
 */
#include <unistd.h>

#include "mutant.h"

#define NSEC_PER_MSEC	1000000L

static int
below_one_ms(int64_t sec, int64_t nsec)
{
	return sec == 0 && nsec < NSEC_PER_MSEC;
}

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int nlocks;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || !below_one_ms(sec, nsec))
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	for (;;)
		pause();
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	if (!below_one_ms(sec, nsec))
		return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	posix_rumpuser_cv_wait(cv, mtx);
	return 0;
}
