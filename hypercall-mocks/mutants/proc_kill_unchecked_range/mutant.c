/*
 * proc_kill_unchecked_range -- numbers outside NetBSD's 1..32 go to the
 * host unchecked: 64 is Linux SIGRTMAX, whose default action terminates
 * the process.
 */
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_kill(int64_t pid, int sig)
{
	if (sig < 1 || sig > 32)
		return kill(getpid(), sig) == 0 ? 0 : 22;
	return posix_rumpuser_kill(pid, sig);
}
