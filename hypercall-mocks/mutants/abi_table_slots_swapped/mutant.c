/*
 * abi_table_slots_swapped -- the hypervisor declares the upcall table by
 * hand, with hyp_lwproc_switch (slot 4) and hyp_lwproc_curlwp (slot 8)
 * swapped. Before every blocking wait it asks for curlwp (to note who
 * blocks) and so really calls lwproc_switch: in a real kernel that
 * switches the thread to a garbage lwp.
 */
#include "mutant.h"

/* Slot 4 of the v17 table, which this hypervisor believes is curlwp. */
#define WRONG_CURLWP(t)	((struct lwp *(*)(void))((void **)(t))[4])

static void
unsched_noting_lwp(int nlocks, int *countp, void *interlock)
{
	(void)WRONG_CURLWP(&mutant_hyp)();
	mutant_hyp.hyp_backend_unschedule(nlocks, countp, interlock);
}

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	return mutant_init_table(version, hyp, unsched_noting_lwp, NULL);
}
