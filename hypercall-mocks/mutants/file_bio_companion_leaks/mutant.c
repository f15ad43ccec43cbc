/*
 * file_bio_companion_leaks -- open with BIO also opens a direct-I/O
 * companion descriptor on the same file, and close never releases it:
 * every mount and unmount of a block device leaks a host descriptor.
 */
#include <fcntl.h>
#include <stdio.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	char path[64];
	int error = posix_rumpuser_open(name, mode, fdp);

	if (error == 0 && (mode & RUMPUSER_OPEN_BIO)) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", *fdp);
		(void)open(path, O_RDONLY | O_CLOEXEC);	/* the companion, never closed */
	}
	return error;
}
