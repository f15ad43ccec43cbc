/*
 * getfileinfo_type_stored_as_long -- the file type is stored through a
 * pointer cast to long * (the port's own "file info" struct used a long),
 * so four bytes past the caller's int are overwritten as well.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	int t = 0;
	int rv = posix_rumpuser_getfileinfo(name, size, type != NULL ? &t : NULL);

	if (rv == 0 && type != NULL)
		*(long *)(void *)type = t;
	return rv;
}
