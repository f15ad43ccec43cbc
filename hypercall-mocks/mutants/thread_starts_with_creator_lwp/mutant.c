/*
 * thread_starts_with_creator_lwp -- the trampoline binds the new thread
 * to the lwp of the thread that created it, as if curlwp were inherited:
 * the kernel's trampoline then binds a second lwp over it, and two host
 * threads run as one lwp meanwhile.
 */
#include <stdlib.h>

#include "mutant.h"

struct inherit {
	void	*(*f)(void *);
	void	*arg;
	struct lwp *l;
};

static void *
inherit_start(void *v)
{
	struct inherit in = *(struct inherit *)v;

	free(v);
	if (in.l != NULL)
		posix_rumpuser_curlwpop(RUMPUSER_LWP_SET, in.l);
	return in.f(in.arg);
}

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct inherit *in;
	int rv;

	if ((in = malloc(sizeof(*in))) == NULL)
		return 12;	/* ENOMEM */
	in->f = f;
	in->arg = arg;
	in->l = posix_rumpuser_curlwp();
	rv = posix_rumpuser_thread_create(inherit_start, in, thrname, mustjoin,
	    priority, cpuidx, cookie);
	if (rv != 0)
		free(in);
	return rv;
}
