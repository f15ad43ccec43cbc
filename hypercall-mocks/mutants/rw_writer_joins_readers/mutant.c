/*
 * rw_writer_joins_readers -- a writer finding the lock held only by
 * readers is admitted anyway (it checks the writer flag, not the reader
 * count): a kernel writer modifies a structure while readers walk it.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int readers;

	if (enum_rumprwlock == RUMPUSER_RW_WRITER) {
		if (posix_rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, rw) == 0)
			return;
		posix_rumpuser_rw_held(RUMPUSER_RW_READER, rw, &readers);
		/* "only readers inside": in it goes (counted as one more) */
		if (readers > 0 &&
		    posix_rumpuser_rw_tryenter(RUMPUSER_RW_READER, rw) == 0)
			return;
	}
	posix_rumpuser_rw_enter(enum_rumprwlock, rw);
}
