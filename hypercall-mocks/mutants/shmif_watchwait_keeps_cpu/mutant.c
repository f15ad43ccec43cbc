/*
 * shmif_watchwait_keeps_cpu -- the receiver waits for bus wakeups without
 * giving up its virtual CPU: a sleeping shmif receiver starves every
 * other kernel thread on that CPU for up to a second at a time.
 */
#include <poll.h>
#include <unistd.h>

#include "mutant.h"

#define WAIT_MS	1000

MUTANT_EXPORT int
rumpcomp_shmif_watchwait(int kq)
{
	struct pollfd pfd = { kq, POLLIN, 0 };
	char buf[4096];

	if (poll(&pfd, 1, WAIT_MS) > 0 && !(pfd.revents & POLLNVAL))
		while (read(kq, buf, sizeof(buf)) > 0)
			continue;
	return (pfd.revents & POLLNVAL) ? 9 : 0;	/* EBADF */
}
