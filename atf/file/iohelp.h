/*
 * iohelp.h -- media for the file, bio, iov and shmif areas: a regular
 * (sparse) file in the case's scratch directory, or a loop block device
 * over one. Static helpers, shared as a header like mutex/lockhelp.h.
 */
#ifndef IOHELP_H
#define IOHELP_H

#include "mockkern.h"

#define IO_MEDIUM_SIZE	(64u << 20)

struct io_medium {
	char	file[512];	/* the regular file */
	char	dev[64];	/* the loop device over it, if any */
	const char *path;	/* what the target opens */
	uint64_t size;
};

/* path = <scratch dir>/name; 0, or -1 with *why. */
static inline int
io_path(char *path, size_t len, const char *name, const char **why)
{
	const char *dir = rch_tmpdir(why);

	if (dir == NULL)
		return -1;
	rc_snprintf(path, len, "%s/%s", dir, name);
	return 0;
}

/* A sparse regular file of size bytes, or (blk) a loop device over one. */
static inline int
io_medium_setup(struct io_medium *m, int blk, uint64_t size, const char **why)
{
	rc_memset(m, 0, sizeof(*m));
	if (io_path(m->file, sizeof(m->file), blk ? "medium.img" : "medium.dat", why) == -1 ||
	    rch_make_sparse(m->file, size, why) == -1)
		return -1;
	m->path = m->file;
	m->size = size;
	if (blk) {
		if (rch_loop_attach(m->file, m->dev, sizeof(m->dev), why) == -1)
			return -1;
		m->path = m->dev;
	}
	return 0;
}

static inline void
io_medium_teardown(struct io_medium *m)
{
	if (m->dev[0] != '\0')
		rch_loop_detach(m->dev);
}

/*
 * A medium of IO_MEDIUM_SIZE (skipping the case where the host cannot
 * make one) opened with mode: the fd, or -1 after the skip or after an
 * open failure reported against id (the medium then torn down).
 */
static inline int
io_medium_open(struct io_medium *m, int blk, int mode, const char *id)
{
	const char *why;
	int fd = -1, error;

	if (io_medium_setup(m, blk, IO_MEDIUM_SIZE, &why) == -1) {
		io_medium_teardown(m);
		rc_skip(why);
		return -1;
	}
	if ((error = rumpuser_open(m->path, mode, &fd)) != 0) {
		rc_fail(id, __FILE__, __LINE__, "rumpuser_open(%s%s) = %d", m->path,
		    (mode & RUMPUSER_OPEN_BIO) ? ", BIO" : "", error);
		io_medium_teardown(m);
		return -1;
	}
	return fd;
}

/* Deterministic contents: byte i of the block at off, for pattern seed. */
static inline void
io_fill(unsigned char *buf, size_t len, uint64_t off, unsigned seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)(((off + i) * 2654435761u >> 7) ^ seed ^ ((off + i) >> 9));
}

/* Offset of the first byte differing from io_fill, or -1. */
static inline long
io_check(const unsigned char *buf, size_t len, uint64_t off, unsigned seed)
{
	unsigned char want[512];
	size_t done, n;

	for (done = 0; done < len; done += n) {
		n = len - done < sizeof(want) ? len - done : sizeof(want);
		io_fill(want, n, off + done, seed);
		if (rc_memcmp(buf + done, want, n) != 0)
			return (long)done;
	}
	return -1;
}

/* Write len bytes of io_fill at off through iovwrite; 0 or the error. */
static inline int
io_put(int fd, uint64_t off, size_t len, unsigned seed)
{
	unsigned char *buf = rch_alloc(len);
	struct rumpuser_iovec iov = { buf, len };
	size_t done = 0;
	int error;

	if (buf == NULL)
		rch_abort_case("out of memory");
	io_fill(buf, len, off, seed);
	error = rumpuser_iovwrite(fd, &iov, 1, (int64_t)off, &done);
	rch_free(buf);
	return error != 0 ? error : done == len ? 0 : -1;
}

#endif /* IOHELP_H */
