/*
 * shmif_mmap_too_small -- mmap grows the bus file to a single page
 * instead of the bus size before mapping it: the bus size reported to
 * peers is wrong, and stores beyond the first page fault (SIGBUS).
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpcomp_shmif_mmap(int fd, size_t len, void **memp)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	struct stat sb;
	void *mem;

	if (fstat(fd, &sb) == -1)
		return posix_rumpuser_component_errtrans(errno);
	if ((uint64_t)sb.st_size < pg && ftruncate(fd, (off_t)pg) == -1)
		return posix_rumpuser_component_errtrans(errno);
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (mem == MAP_FAILED)
		return posix_rumpuser_component_errtrans(errno);
	*memp = mem;
	return 0;
}
