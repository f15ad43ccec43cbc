/*
 * iov_short_write_complete -- a host write that transfers fewer bytes
 * than asked is reported as the whole request: the kernel believes data
 * reached the file that never did, and does not write the rest.
 */
#include "mutant.h"

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	size_t i, want = 0;
	int error;

	for (i = 0; i < iovlen; i++)
		want += ruiov[i].iov_len;
	error = posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retv);
	if (error == 0 && *retv < want)
		*retv = want;
	return error;
}
