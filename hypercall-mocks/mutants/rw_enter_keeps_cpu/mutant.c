/*
 * rw_enter_keeps_cpu -- a blocking rw_enter spins (yielding the host CPU,
 * not the virtual one) until tryenter succeeds: the holder may need that
 * virtual CPU to reach its rw_exit, and the kernel deadlocks.
 */
#include <sched.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	while (posix_rumpuser_rw_tryenter(enum_rumprwlock, rw) != 0)
		sched_yield();
}
