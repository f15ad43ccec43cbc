/*
 * file_blk_size_zero -- getfileinfo takes every size from stat's st_size,
 * which is 0 for block devices: real disks show up empty and the kernel
 * cannot mount a partition on one.
 */
#include <sys/stat.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	struct stat sb;
	int rv = posix_rumpuser_getfileinfo(name, size, type);

	if (rv == 0 && size != NULL && stat(name, &sb) == 0)
		*size = (uint64_t)sb.st_size;
	return rv;
}
