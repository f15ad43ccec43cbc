/*
 * file_open_ignores_excl -- open drops the EXCL bit: two kernels racing
 * to create one image file both believe they created it.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	return posix_rumpuser_open(name, mode & ~RUMPUSER_OPEN_EXCL, fdp);
}
