/*
 * file_unknown_bits_rdonly -- the open-mode translation returns 0 ("no
 * host flags") for a mode carrying a bit it does not know, and the caller
 * takes 0 for flags: 0 is O_RDONLY, so RDWR or WRONLY with a revision 16
 * bit or a future flag opens read-only and the kernel's writes fail.
 */
#include "mutant.h"

#define KNOWN	(RUMPUSER_OPEN_ACCMODE | RUMPUSER_OPEN_CREATE | RUMPUSER_OPEN_EXCL | \
		 RUMPUSER_OPEN_BIO)

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	if (mode & ~KNOWN)
		mode = RUMPUSER_OPEN_RDONLY;
	return posix_rumpuser_open(name, mode, fdp);
}
