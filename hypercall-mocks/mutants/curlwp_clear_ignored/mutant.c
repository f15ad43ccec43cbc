/*
 * curlwp_clear_ignored -- curlwpop stores the lwp on SET and does nothing
 * on CLEAR (the next SET overwrites it): after CLEAR the thread still
 * reports the old lwp, so rump_schedule on it reuses lwp0 or a freed lwp.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_curlwpop(int op, struct lwp *l)
{
	struct lwp *old;

	if (op == RUMPUSER_LWP_CLEAR)
		return;
	if (op == RUMPUSER_LWP_SET && (old = posix_rumpuser_curlwp()) != NULL)
		posix_rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, old);
	posix_rumpuser_curlwpop(op, l);
}
