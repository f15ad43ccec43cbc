/*
 * shmif_watchwait_never_drains -- the BSD wait (kevent with EV_CLEAR,
 * which consumes the event) ported to poll(2) on the inotify instance,
 * which is level-triggered: the events are never read, so after the
 * first write every wait returns at once and the receiver spins.
 */
#include <errno.h>
#include <poll.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpcomp_shmif_watchwait(int kq)
{
	struct pollfd pfd = { kq, POLLIN, 0 };
	void *cookie = posix_rumpuser_component_unschedule();
	int error = 0;

	while (poll(&pfd, 1, 1000) == -1 && errno == EINTR)
		continue;
	if (pfd.revents & POLLNVAL)
		error = 9;	/* NetBSD EBADF */
	posix_rumpuser_component_schedule(cookie);
	return error;
}
