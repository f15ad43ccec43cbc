/*
 * shmif_watch_leaks_instance -- watchsetup makes its inotify instance,
 * then returns the error of inotify_add_watch without closing it: every
 * failed attach leaks a host descriptor (the error path nobody ran).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/inotify.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpcomp_shmif_watchsetup(int *kqp, int fd)
{
	char path[64];
	int ino = *kqp;

	if (ino == -1 && (ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) == -1)
		return rumpuser_component_errtrans(errno);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (inotify_add_watch(ino, path, IN_MODIFY) == -1)
		return rumpuser_component_errtrans(errno);
	*kqp = ino;
	return 0;
}
