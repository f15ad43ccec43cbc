/*
 * thread_arg_is_bookkeeping -- the trampoline hands f its own start record
 * instead of the caller's arg: kernel threads start on garbage (here a
 * zeroed record big enough to be written to harmlessly).
 */
#include <stdlib.h>

#include "mutant.h"

struct start_record {
	void	*arg;
	char	pad[4096];
};

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct start_record *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return 12;	/* NetBSD ENOMEM */
	r->arg = arg;		/* leaked: the thread keeps using it */
	return posix_rumpuser_thread_create(f, r, thrname, mustjoin, priority,
	    cpuidx, cookie);
}
