/*
 * file_info_chr_as_blk -- every device is reported BLK: the kernel's
 * block driver attaches to raw character devices it cannot seek on.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	int rv = posix_rumpuser_getfileinfo(name, size, type);

	if (rv == 0 && type != NULL && *type == RUMPUSER_FT_CHR)
		*type = RUMPUSER_FT_BLK;
	return rv;
}
