/*
 * iov_empty_write_extends -- iovwrite positions the file before it writes
 * by growing it to the offset (ftruncate up to off, then pwritev), as a
 * port for a store without holes or sparse seeks might: a write of no
 * bytes past the end still leaves the file longer.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	struct stat sb;

	if (off >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && off > sb.st_size)
		(void)ftruncate(fd, off);
	return posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retv);
}
