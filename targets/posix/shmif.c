/*
 * shmif.c -- the host side of the shmif shared-file Ethernet bus: map the
 * bus file shared, and wait for peers' wakeup writes with inotify (the
 * wait itself is packetio.c's).
 */
#include "rumpuser_int.h"
#include "packetio.h"

#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#pragma GCC visibility push(default)
#include <rump/shmif_user.h>
#pragma GCC visibility pop

/* The kernel re-checks the bus after every return, so waking early is fine. */
#define SHMIF_WAIT_MS	1000

/* Grow the file to the bus size (never shrink a peer's bus) and map it. */
int
rumpcomp_shmif_mmap(int fd, size_t len, void **memp)
{
	struct stat sb;
	void *mem;

	if (fstat(fd, &sb) == -1)
		return rumpuser_component_errtrans(errno);
	if ((uint64_t)sb.st_size < len && ftruncate(fd, (off_t)len) == -1)
		return rumpuser_component_errtrans(errno);
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (mem == MAP_FAILED)
		return rumpuser_component_errtrans(errno);
	*memp = mem;
	return 0;
}

/* Watch fd's file for writes; *kqp is -1 the first time, then reused. */
int
rumpcomp_shmif_watchsetup(int *kqp, int fd)
{
	char path[64];
	int ino = *kqp, created = 0;

	if (ino == -1) {
		if ((ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) == -1)
			return rumpuser_component_errtrans(errno);
		created = 1;
	}
	/* The magic link finds the file even if it was renamed or removed. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (inotify_add_watch(ino, path, IN_MODIFY) == -1) {
		int error = errno;

		if (created)
			close(ino);
		return rumpuser_component_errtrans(error);
	}
	*kqp = ino;
	return 0;
}

/* Drain the events so that the next wait blocks until the next write. */
static void
drain_events(int ino)
{
	char buf[4096];

	while (read(ino, buf, sizeof(buf)) > 0)
		continue;
}

int
rumpcomp_shmif_watchwait(int kq)
{
	void *cookie = rumpuser_component_unschedule();
	int revents, error = 0;

	if ((revents = rumpuser__wait_readable(kq, SHMIF_WAIT_MS)) == -1)
		error = errno;
	else if (revents & POLLNVAL)
		error = EBADF;
	else if (revents != 0)
		drain_events(kq);
	rumpuser_component_schedule(cookie);
	return rumpuser_component_errtrans(error);
}
