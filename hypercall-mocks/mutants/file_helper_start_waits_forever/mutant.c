/*
 * file_helper_start_waits_forever -- the first open starts the
 * hypervisor's I/O helper thread and waits for it to report ready, but
 * pthread_create's result is ignored: on a host with no room for another
 * thread the helper never exists and the first open waits forever.
 */
#include "mutant.h"

static pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void *
helper_main(void *arg)
{
	pthread_mutex_lock(&ready_lock);
	ready = 1;
	pthread_cond_broadcast(&ready_cv);
	pthread_mutex_unlock(&ready_lock);
	return arg;
}

static void
helper_start(void)
{
	pthread_attr_t attr;
	pthread_t pt;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	(void)pthread_create(&pt, &attr, helper_main, NULL);	/* failure lost */
	pthread_attr_destroy(&attr);
	pthread_mutex_lock(&ready_lock);
	while (!ready)
		pthread_cond_wait(&ready_cv, &ready_lock);
	pthread_mutex_unlock(&ready_lock);
}

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, helper_start);
	return posix_rumpuser_open(name, mode, fdp);
}
