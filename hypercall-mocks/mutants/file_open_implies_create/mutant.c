/*
 * file_open_implies_create -- CREATE is implied: a typo in an image path
 * makes a stray empty host file instead of ENOENT.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	if ((mode & RUMPUSER_OPEN_ACCMODE) != RUMPUSER_OPEN_ACCMODE)
		mode |= RUMPUSER_OPEN_CREATE;
	return posix_rumpuser_open(name, mode, fdp);
}
