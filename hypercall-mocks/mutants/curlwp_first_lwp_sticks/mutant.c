/*
 * curlwp_first_lwp_sticks -- the hypervisor remembers the first lwp SET on
 * each thread and curlwp() returns it whenever the thread is bound at
 * all: after rump_lwproc_switch's CLEAR(a), SET(b) the thread still runs
 * as a.
 */
#include "mutant.h"

static __thread struct lwp *first;

MUTANT_EXPORT void
rumpuser_curlwpop(int op, struct lwp *l)
{
	if (op == RUMPUSER_LWP_SET && first == NULL)
		first = l;
	posix_rumpuser_curlwpop(op, l);
}

MUTANT_EXPORT struct lwp *
rumpuser_curlwp(void)
{
	return posix_rumpuser_curlwp() != NULL ? first : NULL;
}
