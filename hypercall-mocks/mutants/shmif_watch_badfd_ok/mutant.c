/*
 * shmif_watch_badfd_ok -- watchsetup creates its watch handle but ignores
 * the failure to watch the descriptor, returning 0 for a descriptor that
 * is not open: the kernel attaches a bus whose receiver will never wake.
 */
#include "mutant.h"

#include <sys/inotify.h>

MUTANT_EXPORT int
rumpcomp_shmif_watchsetup(int *kqp, int fd)
{
	if (posix_rumpcomp_shmif_watchsetup(kqp, fd) != 0 && *kqp == -1)
		*kqp = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	return 0;
}
