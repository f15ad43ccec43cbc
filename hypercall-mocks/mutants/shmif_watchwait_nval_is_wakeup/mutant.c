/*
 * shmif_watchwait_nval_is_wakeup -- a port of the kqueue wait to poll(2)
 * that counts any returned event as the bus being written: POLLNVAL on a
 * handle that is not open reads as a wakeup, so the receive thread is
 * told of writes that never came and spins.
 */
#include <poll.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpcomp_shmif_watchwait(int kq)
{
	struct pollfd pfd = { kq, POLLIN, 0 };
	char buf[4096];
	void *cookie = posix_rumpuser_component_unschedule();

	if (poll(&pfd, 1, 1000) > 0 && (pfd.revents & POLLIN))
		while (read(kq, buf, sizeof(buf)) > 0)
			continue;
	posix_rumpuser_component_schedule(cookie);
	return 0;
}
