/*
 * upcall_double_unschedule -- clock_sleep gives the CPU away and then
 * calls the wrapped sleep, which gives it away again: a thread releases a
 * CPU it no longer holds, and the kernel's CPU accounting is corrupted.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int nlocks;

	mutant_unschedule(&nlocks, NULL);
	return posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
}
