/*
 * mutex_shared_host_lock -- every mutex stands for one process-wide lock
 * (a single-threaded stub): while any mutex is held, tryenter of any
 * other fails. Kernel code that takes two locks, or two threads working
 * on unrelated objects, then serialise or deadlock.
 */
#include "mutant.h"

static int held_count;

static void
took(void)
{
	__atomic_add_fetch(&held_count, 1, __ATOMIC_SEQ_CST);
}

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	posix_rumpuser_mutex_enter(mtx);
	took();
}

MUTANT_EXPORT void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{
	posix_rumpuser_mutex_enter_nowrap(mtx);
	took();
}

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	if (__atomic_load_n(&held_count, __ATOMIC_SEQ_CST) > 0)
		return 16;	/* NetBSD EBUSY: "the" lock is busy */
	if (posix_rumpuser_mutex_tryenter(mtx) != 0)
		return 16;
	took();
	return 0;
}

MUTANT_EXPORT void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	if (__atomic_load_n(&held_count, __ATOMIC_SEQ_CST) > 0)
		__atomic_sub_fetch(&held_count, 1, __ATOMIC_SEQ_CST);
	posix_rumpuser_mutex_exit(mtx);
}
