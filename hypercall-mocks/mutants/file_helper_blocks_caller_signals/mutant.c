/*
 * file_helper_blocks_caller_signals -- the first open starts the
 * hypervisor's I/O helper thread with every signal blocked, so that the
 * helper never takes one, by blocking them in the calling thread around
 * pthread_create; the caller's mask is never put back. From then on the
 * application's thread that runs the kernel takes no signal at all.
 */
#include <signal.h>

#include "mutant.h"

static pthread_once_t helper_once = PTHREAD_ONCE_INIT;

static void *
helper_main(void *arg)
{
	return arg;
}

static void
helper_start(void)
{
	pthread_attr_t attr;
	pthread_t pt;
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);	/* the old mask is not kept */
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	(void)pthread_create(&pt, &attr, helper_main, NULL);
	pthread_attr_destroy(&attr);
}

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	pthread_once(&helper_once, helper_start);
	return posix_rumpuser_open(name, mode, fdp);
}
