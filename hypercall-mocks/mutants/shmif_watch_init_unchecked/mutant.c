/*
 * shmif_watch_init_unchecked -- watchsetup does not check whether the
 * host gave it a watch instance (inotify_init1's -1 goes on to
 * inotify_add_watch): out of descriptors, it reports EBADF, the next
 * step's complaint, instead of EMFILE, and the operator looks for a bad
 * bus file instead of a descriptor leak.
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

	if (ino == -1)
		ino = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (inotify_add_watch(ino, path, IN_MODIFY) == -1)
		return rumpuser_component_errtrans(errno);
	*kqp = ino;
	return 0;
}
