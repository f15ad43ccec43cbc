/*
 * proc_kill_siginfo_raw -- the translation falls back to the raw number
 * for a NetBSD signal the host lacks: SIGINFO (29) becomes Linux SIGIO,
 * whose default action kills the process on a ^T.
 */
#include <signal.h>

#include "mutant.h"

#define NB_SIGINFO	29

MUTANT_EXPORT int
rumpuser_kill(int64_t pid, int sig)
{
	if (sig == NB_SIGINFO)
		return raise(sig) == 0 ? 0 : 22;
	return posix_rumpuser_kill(pid, sig);
}
