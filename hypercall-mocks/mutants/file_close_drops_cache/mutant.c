/*
 * file_close_drops_cache -- iovwrite goes to a write-back cache that
 * only syncfd (or a read of the same fd) flushes, and close throws what
 * is still cached away: a file-system image is corrupt after unmount.
 */
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

struct dirty {
	struct dirty	*next;
	int		fd;
	int64_t		off;
	size_t		len;
	unsigned char	data[];
};

static pthread_mutex_t cache_mtx = PTHREAD_MUTEX_INITIALIZER;
static struct dirty *cache;

/* Take fd's cached writes off the list, oldest first. */
static struct dirty *
take(int fd)
{
	struct dirty **pp = &cache, *d, *mine = NULL, **tail = &mine;

	pthread_mutex_lock(&cache_mtx);
	while ((d = *pp) != NULL) {
		if (d->fd == fd) {
			*pp = d->next;
			d->next = NULL;
			*tail = d;
			tail = &d->next;
		} else
			pp = &d->next;
	}
	pthread_mutex_unlock(&cache_mtx);
	return mine;
}

static void
flush(int fd, int write_back)
{
	struct dirty *d = take(fd), *next;
	struct rumpuser_iovec iov;
	size_t n;

	for (; d != NULL; d = next) {
		next = d->next;
		iov.iov_base = d->data;
		iov.iov_len = d->len;
		if (write_back)
			posix_rumpuser_iovwrite(fd, &iov, 1, d->off, &n);
		free(d);
	}
}

MUTANT_EXPORT int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retp)
{
	struct dirty *d, **pp;
	size_t i, len = 0;

	if (off < 0)
		return posix_rumpuser_iovwrite(fd, ruiov, iovlen, off, retp);
	for (i = 0; i < iovlen; i++)
		len += ruiov[i].iov_len;
	if ((d = malloc(sizeof(*d) + len)) == NULL)
		return 12;	/* NetBSD ENOMEM */
	d->next = NULL;
	d->fd = fd;
	d->off = off;
	d->len = 0;
	for (i = 0; i < iovlen; i++) {
		memcpy(d->data + d->len, ruiov[i].iov_base, ruiov[i].iov_len);
		d->len += ruiov[i].iov_len;
	}
	pthread_mutex_lock(&cache_mtx);
	for (pp = &cache; *pp != NULL; pp = &(*pp)->next)
		continue;
	*pp = d;
	pthread_mutex_unlock(&cache_mtx);
	*retp = len;
	return 0;
}

MUTANT_EXPORT int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retp)
{
	flush(fd, 1);
	return posix_rumpuser_iovread(fd, ruiov, iovlen, off, retp);
}

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	flush(fd, 1);
	return posix_rumpuser_syncfd(fd, flags, start, len);
}

MUTANT_EXPORT int
rumpuser_close(int fd)
{
	flush(fd, 0);
	return posix_rumpuser_close(fd);
}
