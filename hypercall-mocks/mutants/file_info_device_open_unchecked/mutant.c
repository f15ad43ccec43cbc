/*
 * file_info_device_open_unchecked -- getfileinfo sizes a device through a
 * descriptor it never checks: where the host refuses the open (no driver
 * behind the node), the size query runs on -1 and the kernel is told
 * EBADF, a bad descriptor it never passed, instead of ENXIO.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	struct stat sb;
	off_t end;
	int fd;

	if (name == NULL || size == NULL || stat(name, &sb) == -1 ||
	    !(S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode)))
		return posix_rumpuser_getfileinfo(name, size, type);
	fd = open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	end = lseek(fd, 0, SEEK_END);
	if (end == -1) {
		int error = errno;

		if (fd != -1)
			close(fd);
		return rumpuser_component_errtrans(error);
	}
	close(fd);
	return posix_rumpuser_getfileinfo(name, size, type);
}
