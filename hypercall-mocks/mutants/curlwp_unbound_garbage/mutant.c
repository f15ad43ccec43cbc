/*
 * curlwp_unbound_garbage -- the binding slot of a thread is not
 * initialised: until the first SET, curlwp() returns whatever the slot
 * holds (here: a block of stale bytes) instead of NULL. The kernel takes
 * it for an lwp and dereferences it.
 */
#include "mutant.h"

static char stale_bytes[512] __attribute__((__aligned__(64))) = { 0x5a };
static __thread int ever_set;

MUTANT_EXPORT void
rumpuser_curlwpop(int op, struct lwp *l)
{
	if (op == RUMPUSER_LWP_SET)
		ever_set = 1;
	posix_rumpuser_curlwpop(op, l);
}

MUTANT_EXPORT struct lwp *
rumpuser_curlwp(void)
{
	if (!ever_set)
		return (struct lwp *)(void *)stale_bytes;
	return posix_rumpuser_curlwp();
}
