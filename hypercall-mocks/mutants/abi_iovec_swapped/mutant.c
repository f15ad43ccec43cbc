/*
 * abi_iovec_swapped -- the hypervisor was built against an iovec layout
 * with the fields the other way round: lengths are read as pointers and
 * pointers as lengths, so scatter-gather I/O fails or scribbles.
 */
#include <stdlib.h>

#include "mutant.h"

static struct rumpuser_iovec *
swapped(const struct rumpuser_iovec *iov, size_t n)
{
	struct rumpuser_iovec *s = calloc(n ? n : 1, sizeof(*s));
	size_t i;

	if (s == NULL)
		abort();
	for (i = 0; i < n; i++) {
		s[i].iov_base = (void *)(uintptr_t)iov[i].iov_len;
		s[i].iov_len = (size_t)(uintptr_t)iov[i].iov_base;
	}
	return s;
}

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	struct rumpuser_iovec *s = swapped(ruiov, iovlen);
	int rv = posix_rumpuser_iovread(fd, s, iovlen, off, retv);

	free(s);
	return rv;
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	struct rumpuser_iovec *s = swapped(ruiov, iovlen);
	int rv = posix_rumpuser_iovwrite(fd, s, iovlen, off, retv);

	free(s);
	return rv;
}
