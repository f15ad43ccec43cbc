/*
 * mutex_spin_enter_no_wait -- enter on a busy SPIN mutex returns at once
 * instead of waiting (as if the spin loop were compiled out): two threads
 * are inside together and every structure the kernel guards with a spin
 * mutex (the scheduler, interrupts) is corrupted.
 */
#include "mutant.h"
#include "rumpuser_int.h"

static __thread struct rumpuser_mtx *not_taken;

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	if (posix_rumpuser_mutex_tryenter(mtx) == 0)
		return;
	if (mtx->flags == RUMPUSER_MTX_SPIN) {
		not_taken = mtx;	/* "held", without the lock word */
		return;
	}
	posix_rumpuser_mutex_enter(mtx);
}

MUTANT_EXPORT void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	if (not_taken == mtx) {
		not_taken = NULL;
		return;
	}
	posix_rumpuser_mutex_exit(mtx);
}
