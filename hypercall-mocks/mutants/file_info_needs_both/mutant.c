/*
 * file_info_needs_both -- getfileinfo insists on both outputs: the
 * kernel's type-only and existence probes (NULL size) fail.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	if (size == NULL || type == NULL)
		return 22;	/* NetBSD EINVAL */
	return posix_rumpuser_getfileinfo(name, size, type);
}
