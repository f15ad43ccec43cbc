/*
 * iov_syncfd_barrier_needs_sync -- BARRIER is honoured only together with
 * SYNC (read as "the barrier is what a synchronous sync waits for"): a
 * plain WRITE|BARRIER returns at once, and bios the kernel submits after
 * it overtake the ones still queued before it.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	if (!(flags & RUMPUSER_SYNCFD_SYNC))
		flags &= ~RUMPUSER_SYNCFD_BARRIER;
	return posix_rumpuser_syncfd(fd, flags, start, len);
}
