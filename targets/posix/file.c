/*
 * file.c -- PLACEHOLDER for files and block I/O.
 *
 * This file is to be replaced wholesale by the real implementation.
 * Until then every call fails with NetBSD ENOSYS (78); bio completes at
 * once with that error, following the completion rules: biodone runs
 * holding a CPU, from a context that has given up the caller's CPU.
 */
#include "rumpuser_int.h"

int
rumpuser_open(const char *name, int mode, int *fdp)
{

	(void)name;
	(void)mode;
	(void)fdp;
	return NB_ENOSYS;
}

int
rumpuser_close(int fd)
{

	(void)fd;
	return NB_ENOSYS;
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{

	(void)name;
	(void)size;
	(void)type;
	return NB_ENOSYS;
}

void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	int nlocks, donelocks;

	(void)fd;
	(void)op;
	(void)data;
	(void)dlen;
	(void)off;
	rumpuser__unschedule(&nlocks, NULL);
	rumpuser__schedule(0, NULL);
	biodone(donearg, 0, NB_ENOSYS);
	rumpuser__unschedule(&donelocks, NULL);
	rumpuser__schedule(nlocks, NULL);
}

int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{

	(void)fd;
	(void)ruiov;
	(void)iovlen;
	(void)off;
	(void)retv;
	return NB_ENOSYS;
}

int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{

	(void)fd;
	(void)ruiov;
	(void)iovlen;
	(void)off;
	(void)retv;
	return NB_ENOSYS;
}

int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{

	(void)fd;
	(void)flags;
	(void)start;
	(void)len;
	return NB_ENOSYS;
}
