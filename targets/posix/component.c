/*
 * component.c -- helpers for hypervisor-side driver components.
 */
#include "rumpuser_int.h"

static void
require_kernel(const char *what)
{

	if (rumpuser__hyp.hyp_schedule == NULL)
		rumpuser__fatal("%s called before rumpuser_init", what);
}

/* The big-lock count travels in the cookie. */
void *
rumpuser_component_unschedule(void)
{
	int nlocks;

	rumpuser__unschedule(&nlocks, NULL);
	return (void *)(intptr_t)nlocks;
}

void
rumpuser_component_schedule(void *cookie)
{

	rumpuser__schedule((int)(intptr_t)cookie, NULL);
}

int
rumpuser_component_errtrans(int hosterr)
{

	return rumpuser__errtrans(hosterr);
}

void
rumpuser_component_kthread(void)
{
	int rv;

	require_kernel("rumpuser_component_kthread");
	rumpuser__hyp.hyp_schedule();
	rv = rumpuser__hyp.hyp_lwproc_newlwp(0);
	rumpuser__hyp.hyp_unschedule();
	if (rv != 0)
		rumpuser__fatal("component_kthread: no lwp for this thread "
		    "(error %d)", rv);
}

void
rumpuser_component_kthread_release(void)
{

	require_kernel("rumpuser_component_kthread_release");
	rumpuser__hyp.hyp_schedule();
	rumpuser__hyp.hyp_lwproc_release();
	rumpuser__hyp.hyp_unschedule();
}

struct lwp *
rumpuser_component_curlwp(void)
{
	struct lwp *l;

	require_kernel("rumpuser_component_curlwp");
	rumpuser__hyp.hyp_schedule();
	l = rumpuser__hyp.hyp_lwproc_curlwp();
	rumpuser__hyp.hyp_unschedule();
	return l;
}

void
rumpuser_component_switchlwp(struct lwp *l)
{

	require_kernel("rumpuser_component_switchlwp");
	rumpuser__hyp.hyp_schedule();
	rumpuser__hyp.hyp_lwproc_switch(l);
	rumpuser__hyp.hyp_unschedule();
}
