/*
 * hyp_component.c -- the component helper calls, and the syscall proxy,
 * which a kernel module does not offer (no sockets to clients).
 */
#include "hyp.h"

static void
require_kernel(const char *what)
{
	if (hyp_up.hyp_schedule == NULL)
		hyp_fatal("%s called before rumpuser_init", what);
}

void *
rumpuser_component_unschedule(void)
{
	int nlocks;

	hyp_unschedule(&nlocks, NULL);
	return (void *)(long)nlocks;
}

void
rumpuser_component_schedule(void *cookie)
{
	hyp_schedule((int)(long)cookie, NULL);
}

int
rumpuser_component_errtrans(int hosterr)
{
	return hyp_errtrans(hosterr);
}

void
rumpuser_component_kthread(void)
{
	int error;

	require_kernel("component_kthread");
	hyp_up.hyp_schedule();
	error = hyp_up.hyp_lwproc_newlwp(0);
	hyp_up.hyp_unschedule();
	if (error != 0)
		hyp_fatal("component_kthread: no lwp for this thread (error %d)", error);
}

void
rumpuser_component_kthread_release(void)
{
	require_kernel("component_kthread_release");
	hyp_up.hyp_schedule();
	hyp_up.hyp_lwproc_release();
	hyp_up.hyp_unschedule();
}

struct lwp *
rumpuser_component_curlwp(void)
{
	struct lwp *l;

	require_kernel("component_curlwp");
	hyp_up.hyp_schedule();
	l = hyp_up.hyp_lwproc_curlwp();
	hyp_up.hyp_unschedule();
	return l;
}

void
rumpuser_component_switchlwp(struct lwp *l)
{
	require_kernel("component_switchlwp");
	hyp_up.hyp_schedule();
	hyp_up.hyp_lwproc_switch(l);
	hyp_up.hyp_unschedule();
}

int
rumpuser_sp_init(const char *url, const char *ostype, const char *osrelease,
    const char *machine)
{
	(void)url;
	(void)ostype;
	(void)osrelease;
	(void)machine;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyin(void *client, const void *raddr, void *laddr, size_t len)
{
	(void)client;
	(void)raddr;
	(void)laddr;
	(void)len;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyinstr(void *client, const void *raddr, void *laddr, size_t *lenp)
{
	(void)client;
	(void)raddr;
	(void)laddr;
	(void)lenp;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyout(void *client, const void *laddr, void *raddr, size_t len)
{
	(void)client;
	(void)laddr;
	(void)raddr;
	(void)len;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyoutstr(void *client, const void *laddr, void *raddr, size_t *lenp)
{
	(void)client;
	(void)laddr;
	(void)raddr;
	(void)lenp;
	return NB_ENOSYS;
}

int
rumpuser_sp_anonmmap(void *client, size_t howmuch, void **addr)
{
	(void)client;
	(void)howmuch;
	(void)addr;
	return NB_ENOSYS;
}

int
rumpuser_sp_raise(void *client, int signo)
{
	(void)client;
	(void)signo;
	return NB_ENOSYS;
}

void
rumpuser_sp_fini(void *client)
{
	(void)client;
}
