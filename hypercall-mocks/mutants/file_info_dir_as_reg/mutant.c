/*
 * file_info_dir_as_reg -- getfileinfo's type mapping has no directory
 * case and falls back to REG: etfs host files cannot tell directories
 * from files.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	int rv = posix_rumpuser_getfileinfo(name, size, type);

	if (rv == 0 && type != NULL && *type == RUMPUSER_FT_DIR)
		*type = RUMPUSER_FT_REG;
	return rv;
}
