/*
 * thread_table_32 -- joinable threads live in a fixed table of 32 slots,
 * freed at join: a kernel with more kthreads alive than that cannot start
 * another one.
 */
#include <pthread.h>

#include "mutant.h"

#define SLOTS	32

static pthread_mutex_t slots_mtx = PTHREAD_MUTEX_INITIALIZER;
static int used;

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	int rv;

	if (!mustjoin)
		return posix_rumpuser_thread_create(f, arg, thrname, 0,
		    priority, cpuidx, cookie);
	pthread_mutex_lock(&slots_mtx);
	if (used == SLOTS) {
		pthread_mutex_unlock(&slots_mtx);
		return 35;	/* NetBSD EAGAIN */
	}
	used++;
	pthread_mutex_unlock(&slots_mtx);
	rv = posix_rumpuser_thread_create(f, arg, thrname, 1, priority,
	    cpuidx, cookie);
	if (rv != 0) {
		pthread_mutex_lock(&slots_mtx);
		used--;
		pthread_mutex_unlock(&slots_mtx);
	}
	return rv;
}

MUTANT_EXPORT int
rumpuser_thread_join(void *cookie)
{
	int rv = posix_rumpuser_thread_join(cookie);

	if (rv == 0) {
		pthread_mutex_lock(&slots_mtx);
		used--;
		pthread_mutex_unlock(&slots_mtx);
	}
	return rv;
}
