/*
 * thread_join_creator_only -- the cookie is tied to the creating host
 * thread and join from any other fails with ESRCH (the thread is never
 * reaped): kthread_join from another lwp fails.
 */
#include <stdlib.h>

#include "mutant.h"

struct owned_cookie {
	void		*inner;
	pthread_t	creator;
};

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct owned_cookie *c;
	int rv;

	if (!mustjoin)
		return posix_rumpuser_thread_create(f, arg, thrname, 0,
		    priority, cpuidx, cookie);
	if ((c = malloc(sizeof(*c))) == NULL)
		return 12;	/* NetBSD ENOMEM */
	c->creator = pthread_self();
	rv = posix_rumpuser_thread_create(f, arg, thrname, 1, priority,
	    cpuidx, &c->inner);
	if (rv != 0) {
		free(c);
		return rv;
	}
	*cookie = c;
	return 0;
}

MUTANT_EXPORT int
rumpuser_thread_join(void *cookie)
{
	struct owned_cookie *c = cookie;
	int rv;

	if (c == NULL)
		return 22;	/* NetBSD EINVAL */
	if (!pthread_equal(c->creator, pthread_self()))
		return 3;	/* NetBSD ESRCH */
	if ((rv = posix_rumpuser_thread_join(c->inner)) == 0)
		free(c);
	return rv;
}
