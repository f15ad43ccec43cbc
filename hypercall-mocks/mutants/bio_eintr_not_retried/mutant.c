/*
 * bio_eintr_not_retried -- rumpuser_bio does the transfer itself, in the
 * submitter without its CPU, and passes a host EINTR up as the request's
 * error (4) instead of retrying: every signal to the process becomes a
 * spurious I/O error in the kernel.
 */
#include "mutant.h"
#include "rumpuser_int.h"

#include <errno.h>
#include <unistd.h>

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	ssize_t n;
	int nlocks, error = 0;

	mutant_unschedule(&nlocks, NULL);
	if (op & RUMPUSER_BIO_READ)
		n = pread(fd, data, dlen, off);
	else
		n = pwrite(fd, data, dlen, off);	/* no EINTR loop */
	if (n == -1)
		error = ET(errno);
	mutant_schedule(nlocks, NULL);
	biodone(donearg, n == -1 ? 0 : (size_t)n, error);
}
