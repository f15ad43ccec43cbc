/*
 * shmif_watchwait_woken_by_timers -- a port built around one event loop:
 * descriptor waits and sleeps share a single wake-up, and a descriptor
 * waiter resumed by it takes any wake-up as its own, ready or not. Every
 * sleep that ends (the kernel's clock thread: each tick) ends the bus
 * wait too, so the receive thread spins on a bus nobody writes.
 */
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "mutant.h"

#define WAIT_MS		1000	/* the reference's own timeout */
#define SLICE_MS	2	/* how often the loop looks at the shared wake-up */
#define NB_EBADF	9
#define NB_EINVAL	22	/* poll fails only for bad arguments or memory */

static unsigned loop_wakeups;	/* one more each time any sleep ends */

MUTANT_EXPORT int
rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec)
{
	int rv;

	rv = posix_rumpuser_clock_sleep(enum_rumpclock, sec, nsec);
	__atomic_add_fetch(&loop_wakeups, 1, __ATOMIC_SEQ_CST);
	return rv;
}

static void
drain(int kq)
{
	char buf[4096];

	while (read(kq, buf, sizeof(buf)) > 0)
		continue;
}

MUTANT_EXPORT int
rumpcomp_shmif_watchwait(int kq)
{
	struct pollfd pfd = { kq, POLLIN, 0 };
	void *cookie = posix_rumpuser_component_unschedule();
	unsigned seen = __atomic_load_n(&loop_wakeups, __ATOMIC_SEQ_CST);
	int waited, error = 0;

	for (waited = 0; waited < WAIT_MS; waited += SLICE_MS) {
		if (poll(&pfd, 1, SLICE_MS) == -1 && errno != EINTR) {
			error = NB_EINVAL;
			break;
		}
		if (pfd.revents & POLLNVAL) {
			error = NB_EBADF;
			break;
		}
		if (pfd.revents != 0) {
			drain(kq);
			break;
		}
		/* The bug: the loop woke for a timer, and so does this wait. */
		if (__atomic_load_n(&loop_wakeups, __ATOMIC_SEQ_CST) != seen)
			break;
	}
	posix_rumpuser_component_schedule(cookie);
	return error;
}
