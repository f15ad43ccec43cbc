/*
 * file_info_lstat -- getfileinfo looks at the name with lstat(), not
 * stat(): a symlink is reported as itself (type OTHER, the length of the
 * link text as its size) although open() follows it, and a dangling
 * link "exists". An image or device reached through a symlink cannot be
 * used as a disk.
 */
#include <sys/stat.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	struct stat sb;

	if (name == NULL || lstat(name, &sb) == -1 || !S_ISLNK(sb.st_mode))
		return posix_rumpuser_getfileinfo(name, size, type);
	if (size != NULL)
		*size = (uint64_t)sb.st_size;
	if (type != NULL)
		*type = RUMPUSER_FT_OTHER;
	return 0;
}
