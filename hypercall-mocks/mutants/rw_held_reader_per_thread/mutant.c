/*
 * rw_held_reader_per_thread -- the reader count is kept per thread:
 * held(READER) reports only the caller's own read holds, so another
 * thread's rw_read_held()/rw_lock_held() KASSERTs fail or pass wrongly.
 */
#include "mutant.h"

static __thread int my_reads;

MUTANT_EXPORT void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	posix_rumpuser_rw_enter(enum_rumprwlock, rw);
	if (enum_rumprwlock == RUMPUSER_RW_READER)
		my_reads++;
}

MUTANT_EXPORT int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int rv = posix_rumpuser_rw_tryenter(enum_rumprwlock, rw);

	if (rv == 0 && enum_rumprwlock == RUMPUSER_RW_READER)
		my_reads++;
	return rv;
}

MUTANT_EXPORT void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{
	int w;

	posix_rumpuser_rw_held(RUMPUSER_RW_WRITER, rw, &w);
	if (!w && my_reads > 0)
		my_reads--;
	posix_rumpuser_rw_exit(rw);
}

MUTANT_EXPORT void
rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *heldp)
{
	if (enum_rumprwlock == RUMPUSER_RW_READER)
		*heldp = my_reads;
	else
		posix_rumpuser_rw_held(enum_rumprwlock, rw, heldp);
}
