/*
 * proc_kill_untranslated -- kill passes the kernel's NetBSD signal number
 * straight to the host: on Linux NetBSD SIGUSR1 (30) arrives as SIGPWR
 * and SIGURG (16) as SIGSTKFLT.
 */
#include <signal.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_kill(int64_t pid, int sig)
{
	(void)pid;
	if (sig < 1 || sig > 32)
		return 22;	/* EINVAL */
	return raise(sig) == 0 ? 0 : 22;
}
