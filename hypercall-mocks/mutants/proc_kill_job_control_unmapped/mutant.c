/*
 * proc_kill_job_control_unmapped -- the signal table was written from the
 * signals a server usually meets (HUP, INT, TERM, USR1...) and leaves
 * SIGKILL, SIGQUIT and the job-control signals (STOP, TSTP, CONT, TTIN,
 * TTOU) without a host counterpart: kill returns 0 and raises nothing.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_kill(int64_t pid, int sig)
{
	switch (sig) {
	case 3: case 9: case 17: case 18: case 19: case 21: case 22:
		return 0;
	default:
		return posix_rumpuser_kill(pid, sig);
	}
}
