/*
 * mutex_enter_keeps_cpu -- a blocking enter on an adaptive mutex keeps the
 * virtual CPU while it waits: if the holder needs that CPU to reach its
 * exit, the kernel deadlocks with fewer CPUs than threads.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	posix_rumpuser_mutex_enter_nowrap(mtx);
}
