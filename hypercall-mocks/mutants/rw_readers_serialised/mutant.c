/*
 * rw_readers_serialised -- the rwlock is a plain mutex: a READER enter
 * takes it as a writer. Correct but every read path of the kernel then
 * contends, and code that nests read holds across threads deadlocks.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	posix_rumpuser_rw_enter(RUMPUSER_RW_WRITER, rw);
}

MUTANT_EXPORT int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	return posix_rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, rw);
}
