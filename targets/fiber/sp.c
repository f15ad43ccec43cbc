/*
 * sp.c -- the syscall proxy is not supported by this target.
 *
 * sp_init fails with ENOSYS, so no client can ever exist; the per-client
 * calls fail too: copies with EFAULT (the proxy's only copy error), the
 * rest with ENOSYS.
 */
#include "fiber_int.h"

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
	return NB_EFAULT;
}

int
rumpuser_sp_copyinstr(void *client, const void *raddr, void *laddr,
    size_t *lenp)
{

	(void)client;
	(void)raddr;
	(void)laddr;
	(void)lenp;
	return NB_EFAULT;
}

int
rumpuser_sp_copyout(void *client, const void *laddr, void *raddr,
    size_t len)
{

	(void)client;
	(void)laddr;
	(void)raddr;
	(void)len;
	return NB_EFAULT;
}

int
rumpuser_sp_copyoutstr(void *client, const void *laddr, void *raddr,
    size_t *lenp)
{

	(void)client;
	(void)laddr;
	(void)raddr;
	(void)lenp;
	return NB_EFAULT;
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
