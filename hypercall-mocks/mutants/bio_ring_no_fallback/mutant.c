/*
 * bio_ring_no_fallback -- a port written for hosts that always have
 * io_uring probes the ring once, at the first bio, and when the host
 * refuses it (a container's seccomp profile, kernel.io_uring_disabled)
 * fails every bio with the host's refusal instead of falling back to
 * plain reads and writes. Where the ring works, the reference does the I/O.
 */
#include <sys/syscall.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "mutant.h"

/* The 120-byte struct io_uring_params, zeroed: setup fills it in. */
#define PROBE_PARAMS	120

static pthread_once_t probe_once = PTHREAD_ONCE_INIT;
static int refusal;	/* NetBSD errno of the refused setup, or 0 */

static void
probe_ring(void)
{
	unsigned char params[PROBE_PARAMS];
	long fd;

	memset(params, 0, sizeof(params));
	if ((fd = syscall(__NR_io_uring_setup, 4, params)) == -1)
		refusal = rumpuser_component_errtrans(errno);
	else
		close((int)fd);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	int nlocks;

	mutant_unschedule(&nlocks, NULL);
	pthread_once(&probe_once, probe_ring);
	mutant_schedule(nlocks, NULL);
	if (refusal == 0)
		posix_rumpuser_bio(fd, op, data, dlen, off, biodone, donearg);
	else
		biodone(donearg, 0, refusal);
}
