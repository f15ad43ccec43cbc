/*
 * file_info_size_sectors -- getfileinfo reports the size in whole 512-byte
 * sectors: the tail of an image whose size is not a sector multiple is
 * invisible to the kernel.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	int rv = posix_rumpuser_getfileinfo(name, size, type);

	if (rv == 0 && size != NULL)
		*size &= ~(uint64_t)511;
	return rv;
}
