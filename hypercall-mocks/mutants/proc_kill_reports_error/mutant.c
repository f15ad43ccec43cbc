/*
 * proc_kill_reports_error -- kill raises the signal and then reports
 * EINVAL anyway: porters chasing the error find nothing wrong.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_kill(int64_t pid, int sig)
{
	int rv = posix_rumpuser_kill(pid, sig);

	return rv == 0 ? 22 : rv;	/* NetBSD EINVAL */
}
