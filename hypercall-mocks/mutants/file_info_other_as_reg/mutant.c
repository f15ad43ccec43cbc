/*
 * file_info_other_as_reg -- getfileinfo's type mapping knows directories
 * and devices, and its default is REG: FIFOs and sockets pass for regular
 * files, and the kernel's block driver accepts them as disk images.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	int rv = posix_rumpuser_getfileinfo(name, size, type);

	if (rv == 0 && type != NULL && *type == RUMPUSER_FT_OTHER)
		*type = RUMPUSER_FT_REG;
	return rv;
}
