/*
 * errno_open_untranslated -- open reports a failure with the host's errno
 * instead of the translated one: on Linux ENAMETOOLONG (36) reads as
 * NetBSD EINPROGRESS.
 */
#include <errno.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	int rv;

	errno = 0;
	if ((rv = posix_rumpuser_open(name, mode, fdp)) != 0 && errno != 0)
		return errno;
	return rv;
}
