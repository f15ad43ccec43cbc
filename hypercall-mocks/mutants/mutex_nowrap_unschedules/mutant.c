/*
 * mutex_nowrap_unschedules -- enter_nowrap is a wrapped enter in
 * disguise: when the mutex is busy it gives up the virtual CPU. The
 * kernel calls it from the scheduler with CPU-level locks held.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{

	mutant_mutex_enter_unscheduling(mtx);
}
