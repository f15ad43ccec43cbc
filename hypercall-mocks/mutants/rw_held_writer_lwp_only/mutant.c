/*
 * rw_held_writer_lwp_only -- the writer is recorded as an lwp and nothing
 * else, so held(WRITER) in a thread without an lwp compares NULL with NULL:
 * every lwp-less thread "holds" a lock that some thread write-holds (the
 * comparison NetBSD's librumpuser makes).
 */
#include "mutant.h"

/* Whether anyone holds rw for writing (no readers, and a writer try fails). */
static int
write_held(struct rumpuser_rw *rw)
{
	int readers;

	posix_rumpuser_rw_held(RUMPUSER_RW_READER, rw, &readers);
	if (readers > 0)
		return 0;
	if (posix_rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, rw) == 0) {
		posix_rumpuser_rw_exit(rw);
		return 0;
	}
	return 1;
}

MUTANT_EXPORT void
rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *heldp)
{
	if (enum_rumprwlock == RUMPUSER_RW_WRITER && rumpuser_curlwp() == NULL)
		*heldp = write_held(rw);
	else
		posix_rumpuser_rw_held(enum_rumprwlock, rw, heldp);
}
