/*
 * rw_held_writer_any -- held(WRITER) answers "is the lock write-held?"
 * instead of "does the caller hold it for writing?": the kernel's
 * rw_write_held() KASSERTs pass in the wrong thread.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *heldp)
{
	int readers;

	if (enum_rumprwlock != RUMPUSER_RW_WRITER) {
		posix_rumpuser_rw_held(enum_rumprwlock, rw, heldp);
		return;
	}
	posix_rumpuser_rw_held(RUMPUSER_RW_READER, rw, &readers);
	if (readers > 0) {
		*heldp = 0;
	} else if (posix_rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, rw) == 0) {
		posix_rumpuser_rw_exit(rw);	/* free */
		*heldp = 0;
	} else {
		*heldp = 1;			/* some writer */
	}
}
