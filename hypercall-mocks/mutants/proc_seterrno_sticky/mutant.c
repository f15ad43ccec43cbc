/*
 * proc_seterrno_sticky -- seterrno stores the value in one process-wide
 * "last error", and getparam reports a pending last error instead of its
 * own result. A syscall client's errno leaks into the kernel's own
 * hypercalls, on every thread.
 */
#include "mutant.h"

static int last_error;

MUTANT_EXPORT void
rumpuser_seterrno(int error)
{
	__atomic_store_n(&last_error, error, __ATOMIC_RELAXED);
	posix_rumpuser_seterrno(error);
}

MUTANT_EXPORT int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	int e = __atomic_exchange_n(&last_error, 0, __ATOMIC_RELAXED);

	if (e > 0)
		return e;
	return posix_rumpuser_getparam(name, buf, buflen);
}
