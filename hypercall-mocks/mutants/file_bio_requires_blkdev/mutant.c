/*
 * file_bio_requires_blkdev -- BIO is treated as a requirement that
 * the file be a block device: the kernel cannot attach a disk image kept
 * in a regular file.
 */
#include <sys/stat.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_open(const char *name, int mode, int *fdp)
{
	struct stat st;

	if ((mode & RUMPUSER_OPEN_BIO) && name != NULL &&
	    stat(name, &st) == 0 && !S_ISBLK(st.st_mode))
		return 45;	/* NetBSD EOPNOTSUPP */
	return posix_rumpuser_open(name, mode, fdp);
}
