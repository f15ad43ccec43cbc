/*
 * file_accmode_as_rdwr -- access mode 3 is not checked and reaches the
 * host as read-write (with CREATE, a file appears): an invalid request
 * from a confused kernel succeeds.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	if ((mode & RUMPUSER_OPEN_ACCMODE) == RUMPUSER_OPEN_ACCMODE)
		mode = (mode & ~RUMPUSER_OPEN_ACCMODE) | RUMPUSER_OPEN_RDWR;
	return posix_rumpuser_open(name, mode, fdp);
}
