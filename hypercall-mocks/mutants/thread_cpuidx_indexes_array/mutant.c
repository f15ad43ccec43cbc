/*
 * thread_cpuidx_indexes_array -- threads bound to a virtual CPU are
 * counted in that CPU's run-queue record, looked up by cpuidx in a table
 * that has records only for the NCPU CPUs: a cpuidx at or past NCPU
 * follows a NULL record and crashes the process.
 */
#include <stdlib.h>

#include "mutant.h"

#define MAXCPU	64

struct runq {
	int nbound;	/* threads created bound to this CPU */
};

static struct runq *runqs[MAXCPU];
static pthread_once_t runqs_once = PTHREAD_ONCE_INIT;

static void
runqs_init(void)
{
	char buf[16];
	int i, ncpu = 1;

	if (posix_rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf)) == 0)
		ncpu = atoi(buf);
	for (i = 0; i < ncpu && i < MAXCPU; i++)
		runqs[i] = calloc(1, sizeof(struct runq));
}

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	pthread_once(&runqs_once, runqs_init);
	if (cpuidx >= 0)
		__atomic_add_fetch(&runqs[cpuidx]->nbound, 1, __ATOMIC_RELAXED);
	return posix_rumpuser_thread_create(f, arg, thrname, mustjoin, priority,
	    cpuidx, cookie);
}
