/*
 * shmif_errors_einval -- the port collapses every host failure of
 * rumpcomp_shmif_mmap into one generic EINVAL: a bus file closed under
 * the kernel (EBADF) or a full disk (ENOSPC) all read as bad arguments.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "mutant.h"

#define NB_EINVAL	22

MUTANT_EXPORT int
rumpcomp_shmif_mmap(int fd, size_t len, void **memp)
{
	struct stat sb;
	void *mem;

	if (fstat(fd, &sb) == -1)
		return NB_EINVAL;
	if ((uint64_t)sb.st_size < len && ftruncate(fd, (off_t)len) == -1)
		return NB_EINVAL;
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (mem == MAP_FAILED)
		return NB_EINVAL;
	*memp = mem;
	return 0;
}
