/*
 * mutex_spin_p_never -- spin_p does not look at the stored flags and
 * always says "adaptive": the kernel then treats its spin mutexes
 * (scheduler, interrupt locks) as adaptive ones.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_mutex_spin_p(struct rumpuser_mtx *mtx)
{
	return 0;
}
