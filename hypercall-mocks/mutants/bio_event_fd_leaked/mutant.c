/*
 * bio_event_fd_leaked -- each request gets an eventfd of its own for its
 * completion, in the manner of a port to an AIO interface that signals
 * requests one by one, and nothing closes it once biodone ran. Every bio
 * completes as the reference's; each leaves one host descriptor behind.
 */
#include "mutant.h"

#include <sys/eventfd.h>

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	/* The request's completion event: its descriptor is never closed (the bug). */
	(void)eventfd(0, EFD_CLOEXEC);
	posix_rumpuser_bio(fd, op, data, dlen, off, biodone, donearg);
}
