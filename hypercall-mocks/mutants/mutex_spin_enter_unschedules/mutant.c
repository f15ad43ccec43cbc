/*
 * mutex_spin_enter_unschedules -- mutex_enter takes the adaptive path for
 * every mutex: try, and if busy give up the virtual CPU while waiting. On
 * a SPIN mutex that deadlocks the kernel's scheduler and spin locks,
 * which are entered holding CPU-level locks.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{

	mutant_mutex_enter_unscheduling(mtx);
}
