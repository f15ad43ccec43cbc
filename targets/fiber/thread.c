/*
 * thread.c -- hypervisor threads are fibers; the lwp bound to a thread is
 * kept in its fiber descriptor.
 */
#include "fiber_int.h"

/*
 * A new fiber only becomes runnable: the creator keeps running (and
 * keeps its CPU) until it blocks.  The host runs out of thread resources
 * only when it cannot map a stack, reported as EAGAIN as pthread_create
 * would.
 */
int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct fiber *fib;

	(void)priority;	/* one host thread, no priorities, one CPU */
	(void)cpuidx;
	if ((fib = fiber_create(f, arg, thrname, mustjoin)) == NULL)
		return NB_EAGAIN;
	if (mustjoin)
		*cookie = fib;
	return 0;
}

void
rumpuser_thread_exit(void)
{

	fiber_exit();
}

int
rumpuser_thread_join(void *cookie)
{
	struct fiber *f = cookie;
	int nlocks;

	if (f == NULL || !f->mustjoin)
		return NB_EINVAL;
	if (f == fiber_self())
		return NB_EDEADLK;
	rumpuser__unschedule(&nlocks, NULL);
	fiber_join(f);
	rumpuser__schedule(nlocks, NULL);
	return 0;
}

void
rumpuser_curlwpop(int enum_rumplwpop, struct lwp *l)
{
	struct fiber *self = fiber_self();

	switch (enum_rumplwpop) {
	case RUMPUSER_LWP_CREATE:
	case RUMPUSER_LWP_DESTROY:
		break;
	case RUMPUSER_LWP_SET:
		if (self->curlwp != NULL)
			rumpuser__fatal("curlwpop SET %p: fiber \"%s\" already "
			    "has lwp %p", (void *)l, self->name,
			    (void *)self->curlwp);
		self->curlwp = l;
		break;
	case RUMPUSER_LWP_CLEAR:
		if (self->curlwp != l)
			rumpuser__fatal("curlwpop CLEAR %p: fiber \"%s\" has "
			    "lwp %p", (void *)l, self->name,
			    (void *)self->curlwp);
		self->curlwp = NULL;
		break;
	default:
		rumpuser__fatal("curlwpop: unknown op %d", enum_rumplwpop);
	}
}

/* Called very often: no fiber yet simply means no lwp yet. */
struct lwp *
rumpuser_curlwp(void)
{

	return fiber__current != NULL ? fiber__current->curlwp : NULL;
}
