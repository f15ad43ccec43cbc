/*
 * bio_sync_flush_beside_write -- a SYNC write's flush is issued as the
 * write is queued, beside it instead of after it (a port that sends the
 * fsync down a queue of its own, or an io_uring fsync without IOSQE_IO_LINK):
 * the flush can finish before the data has reached the host's cache, and
 * biodone then reports stable a write that is not.
 */
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	int sync = (op & RUMPUSER_BIO_WRITE) && (op & RUMPUSER_BIO_SYNC);

	posix_rumpuser_bio(fd, sync ? op & ~RUMPUSER_BIO_SYNC : op, data, dlen, off,
	    biodone, donearg);
	if (sync)
		(void)fdatasync(fd);
}
