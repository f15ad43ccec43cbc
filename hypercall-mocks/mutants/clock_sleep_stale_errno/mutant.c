/*
 * clock_sleep_stale_errno -- the relative sleep retries nanosleep on
 * EINTR but then returns errno unconditionally, without checking that the
 * last nanosleep failed: whatever error an earlier host call left in errno
 * becomes the result of a sleep that went well.
 */
#include "mutant.h"

#include <errno.h>
#include <time.h>

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	struct timespec ts = { .tv_sec = (time_t)sec, .tv_nsec = nsec };
	int nlocks;

	if (enum_rumpclock != RUMPUSER_CLOCK_RELWALL || sec < 0 || nsec < 0 ||
	    nsec >= 1000000000L)
		return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	mutant_unschedule(&nlocks, NULL);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
	mutant_schedule(nlocks, NULL);
	return errno;	/* Linux and NetBSD share the numbers up to 34 */
}
