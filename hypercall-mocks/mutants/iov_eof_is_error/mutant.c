/*
 * iov_eof_is_error -- an iovread that the host answers with 0 bytes (end
 * of file) for a non-empty request fails with EIO (5): the kernel sees
 * every read at the end of a host file as an I/O error.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	size_t i, want = 0;
	int error;

	for (i = 0; i < iovlen; i++)
		want += ruiov[i].iov_len;
	error = posix_rumpuser_iovread(fd, ruiov, iovlen, off, retv);
	if (error == 0 && *retv == 0 && want > 0)
		return 5;	/* NetBSD EIO */
	return error;
}
