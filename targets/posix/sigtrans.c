/*
 * sigtrans.c -- NetBSD signal numbers (1-32) to host signal numbers.
 */
#include "rumpuser_int.h"

#include <signal.h>

#ifndef SIGEMT
#define SIGEMT	0
#endif
#ifndef SIGPWR
#define SIGPWR	0
#endif
#ifndef SIGINFO
#define SIGINFO	0
#endif

/* Indexed by the NetBSD number; 0 = the host has no such signal. */
static const int nbsd_to_host[33] = {
	[1] = SIGHUP,	[2] = SIGINT,	[3] = SIGQUIT,	[4] = SIGILL,
	[5] = SIGTRAP,	[6] = SIGABRT,	[7] = SIGEMT,	[8] = SIGFPE,
	[9] = SIGKILL,	[10] = SIGBUS,	[11] = SIGSEGV,	[12] = SIGSYS,
	[13] = SIGPIPE,	[14] = SIGALRM,	[15] = SIGTERM,	[16] = SIGURG,
	[17] = SIGSTOP,	[18] = SIGTSTP,	[19] = SIGCONT,	[20] = SIGCHLD,
	[21] = SIGTTIN,	[22] = SIGTTOU,	[23] = SIGIO,	[24] = SIGXCPU,
	[25] = SIGXFSZ,	[26] = SIGVTALRM, [27] = SIGPROF, [28] = SIGWINCH,
	[29] = SIGINFO,	[30] = SIGUSR1,	[31] = SIGUSR2,	[32] = SIGPWR,
};

int
rumpuser__sigtrans(int nbsig)
{

	if (nbsig < 1 || nbsig > 32)
		return 0;
	return nbsd_to_host[nbsig];
}
