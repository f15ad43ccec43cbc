/*
 * file_info_clobbers_on_error -- getfileinfo writes its outputs (size 0,
 * type OTHER) before it knows the name exists: callers that keep
 * defaults across a failed probe lose them.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	if (size != NULL)
		*size = 0;
	if (type != NULL)
		*type = RUMPUSER_FT_OTHER;
	return posix_rumpuser_getfileinfo(name, size, type);
}
