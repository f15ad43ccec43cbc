/*
 * thread_create_retry_seconds -- an outer retry loop sleeps whole
 * seconds between tries (sleep(1) meant as "a moment"): a host that keeps
 * refusing holds the kernel's creating thread for ten seconds.
 */
#include <unistd.h>

#include "mutant.h"

#define TRIES		10
#define NB_EAGAIN	35

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	int error, try;

	for (try = 1;; try++) {
		error = posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
		    priority, cpuidx, cookie);
		if (error != NB_EAGAIN || try == TRIES)
			return error;
		sleep(1);
	}
}
