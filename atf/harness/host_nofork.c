/*
 * host_nofork.c -- the process services of rc_host.h for environments
 * that have no child processes (WebAssembly, the Linux kernel module):
 * no isolated child, no memory shared with one, no stdio to check. Each
 * says what is missing and where, so the cases that need it skip.
 *
 * Included by the environment's host file after it defines RCH_HERE, the
 * place as a phrase ("under WebAssembly").
 */
#ifndef RCH_HERE
#error define RCH_HERE before including host_nofork.c
#endif

int
rch_isolated(void (*fn)(void *), void *arg, unsigned timeout_ms, int *how,
    int *code, const char **why)
{
	(void)fn; (void)arg; (void)timeout_ms; (void)how; (void)code;
	*why = "no child processes " RCH_HERE ": cannot isolate a child";
	return -1;
}

void *
rch_shared_alloc(size_t len, const char **why)
{
	(void)len;
	*why = "no child processes " RCH_HERE ": no memory to share with one";
	return NULL;
}

void
rch_shared_free(void *p, size_t len)
{
	(void)p; (void)len;
}

int
rch_stdio_null(void)
{
	return -1;
}
