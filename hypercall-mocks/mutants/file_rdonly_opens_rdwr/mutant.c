/*
 * file_rdonly_opens_rdwr -- RDONLY is mistranslated to read-write: a
 * kernel's read-only mount can still write its image.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	if ((mode & RUMPUSER_OPEN_ACCMODE) == RUMPUSER_OPEN_RDONLY)
		mode |= RUMPUSER_OPEN_RDWR;
	return posix_rumpuser_open(name, mode, fdp);
}
