/*
 * curlwp_global -- the lwp binding is kept in one global variable instead
 * of thread-local storage: with several threads in the kernel each sees
 * whichever lwp was bound last, and kernel threads run with each other's
 * lwp.
 */
#include "mutant.h"

static struct lwp *curlwp_shared;

MUTANT_EXPORT void
rumpuser_curlwpop(int op, struct lwp *l)
{
	switch (op) {
	case RUMPUSER_LWP_SET:
		__atomic_store_n(&curlwp_shared, l, __ATOMIC_RELAXED);
		break;
	case RUMPUSER_LWP_CLEAR:
		__atomic_store_n(&curlwp_shared, NULL, __ATOMIC_RELAXED);
		break;
	default:
		break;
	}
}

MUTANT_EXPORT struct lwp *
rumpuser_curlwp(void)
{
	return __atomic_load_n(&curlwp_shared, __ATOMIC_RELAXED);
}
