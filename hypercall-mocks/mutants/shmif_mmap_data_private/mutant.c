/*
 * shmif_mmap_data_private -- the bus mapping shares only its first page
 * (the header with the lock and the first/last pointers) with the file;
 * the rest is private anonymous memory. Peers see the bus advance but
 * read zeros for every frame: the shmif bus does not carry data.
 */
#include "mutant.h"

#include <sys/mman.h>
#include <unistd.h>

MUTANT_EXPORT int
rumpcomp_shmif_mmap(int fd, size_t len, void **memp)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	int error = posix_rumpcomp_shmif_mmap(fd, len, memp);

	if (error == 0 && len > pg &&
	    mmap((char *)*memp + pg, len - pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		return 12;	/* NetBSD ENOMEM */
	return error;
}
