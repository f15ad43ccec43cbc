/*
 * thread_join_leaks_cookie -- the cookie is a wrapper record around the
 * host's handle, and join frees only what it wraps: every joined kernel
 * thread leaks its record.
 */
#include <stdlib.h>

#include "mutant.h"

struct wrapped_cookie {
	void	*inner;
};

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct wrapped_cookie *w;
	int error;

	if (!mustjoin)
		return posix_rumpuser_thread_create(f, arg, thrname, mustjoin,
		    priority, cpuidx, cookie);
	if ((w = malloc(sizeof(*w))) == NULL)
		return 12;	/* NetBSD ENOMEM */
	error = posix_rumpuser_thread_create(f, arg, thrname, mustjoin, priority,
	    cpuidx, &w->inner);
	if (error != 0) {
		free(w);
		return error;
	}
	*cookie = w;
	return 0;
}

MUTANT_EXPORT int
rumpuser_thread_join(void *cookie)
{
	struct wrapped_cookie *w = cookie;

	return posix_rumpuser_thread_join(w->inner);
}
