/*
 * init_segfaults -- rumpuser_init reads the upcall table through a pointer
 * it never set (a static table of the hypervisor's own, still NULL), so the
 * process dies at boot. The probe must fail every case at once with that
 * diagnosis instead of letting each case crash on its own.
 */
#include "mutant.h"

static const struct rumpuser_hyperup *saved_hyp;

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	/* Meant to copy hyp into saved_hyp first. */
	mutant_hyp = *saved_hyp;
	return posix_rumpuser_init(version, hyp);
}
