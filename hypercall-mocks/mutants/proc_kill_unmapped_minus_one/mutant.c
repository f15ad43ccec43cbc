/*
 * proc_kill_unmapped_minus_one -- kill answers a signal it cannot map (one
 * the host lacks, or a number outside NetBSD's 1..32) the way raise() and
 * kill() do, with -1, instead of with 0 or an errno.
 */
#include "mutant.h"

static int
host_lacks(int sig)
{
	return sig < 1 || sig > 32 || sig == 7 || sig == 29;
}

MUTANT_EXPORT int
rumpuser_kill(int64_t pid, int sig)
{
	if (host_lacks(sig))
		return -1;
	return posix_rumpuser_kill(pid, sig);
}
