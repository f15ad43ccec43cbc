/*
 * rw_held_reader_any_holder -- held(READER) answers "is the lock held at
 * all?" (it tries to take it for writing): a write-held lock counts as
 * read-held, so the kernel's rw_read_held() and rw_lock_held() KASSERTs
 * pass where they should fire.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *heldp)
{
	if (enum_rumprwlock != RUMPUSER_RW_READER) {
		posix_rumpuser_rw_held(enum_rumprwlock, rw, heldp);
		return;
	}
	if (posix_rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, rw) == 0) {
		posix_rumpuser_rw_exit(rw);
		*heldp = 0;
	} else {
		*heldp = 1;
	}
}
