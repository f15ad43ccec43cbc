/*
 * bio_sync_not_synced -- SYNC writes are treated as ordinary writes: no
 * fdatasync before biodone, so metadata the kernel believes committed is
 * still in the host cache and a crash loses it.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	posix_rumpuser_bio(fd, op & ~RUMPUSER_BIO_SYNC, data, dlen, off,
	    biodone, donearg);
}
