/*
 * hyp_file.c -- host files and block I/O on the kernel's file API
 * (filp_open, vfs_iter_read/write, vfs_fsync_range), in the guest's own
 * namespace.  Descriptors index a small table of struct file pointers.
 * bio runs synchronously in the caller: I/O without the virtual CPU, then
 * biodone with it, as a rump kernel without I/O threads would.
 */
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/uio.h>

#include "hyp.h"

#define HYP_MAXFD	128
#define NB_EOPNOTSUPP	45

static struct file *fdtab[HYP_MAXFD];
static DEFINE_SPINLOCK(fdtab_lock);

static int
fd_install_file(struct file *f)
{
	int fd;

	spin_lock(&fdtab_lock);
	for (fd = 0; fd < HYP_MAXFD && fdtab[fd] != NULL; fd++)
		continue;
	if (fd < HYP_MAXFD)
		fdtab[fd] = f;
	spin_unlock(&fdtab_lock);
	return fd < HYP_MAXFD ? fd : -1;
}

/* The file behind fd (get_file'd), or NULL. */
static struct file *
fd_get(int fd)
{
	struct file *f = NULL;

	spin_lock(&fdtab_lock);
	if (fd >= 0 && fd < HYP_MAXFD && (f = fdtab[fd]) != NULL)
		get_file(f);
	spin_unlock(&fdtab_lock);
	return f;
}

static struct file *
fd_remove(int fd)
{
	struct file *f = NULL;

	spin_lock(&fdtab_lock);
	if (fd >= 0 && fd < HYP_MAXFD) {
		f = fdtab[fd];
		fdtab[fd] = NULL;
	}
	spin_unlock(&fdtab_lock);
	return f;
}

/* RUMPUSER_OPEN_* to O_*; -1 for a bad access mode. BIO is advisory. */
static int
open_flags(int mode)
{
	static const int acc[] = { O_RDONLY, O_WRONLY, O_RDWR, -1 };
	int flags = acc[mode & RUMPUSER_OPEN_ACCMODE];

	if (flags == -1)
		return -1;
	if (mode & RUMPUSER_OPEN_CREATE)
		flags |= O_CREAT;
	if ((mode & RUMPUSER_OPEN_CREATE) && (mode & RUMPUSER_OPEN_EXCL))
		flags |= O_EXCL;
	return flags | O_LARGEFILE;
}

int
rumpuser_open(const char *name, int mode, int *fdp)
{
	int flags = open_flags(mode), nlocks, fd;
	struct file *f;

	if (flags == -1)
		return NB_EINVAL;
	hyp_unschedule(&nlocks, NULL);
	f = filp_open(name, flags, 0644);
	hyp_schedule(nlocks, NULL);
	if (IS_ERR(f))
		return hyp_errtrans(PTR_ERR(f));
	if ((fd = fd_install_file(f)) == -1) {
		filp_close(f, NULL);
		return hyp_errtrans(EMFILE);
	}
	*fdp = fd;
	return 0;
}

int
rumpuser_close(int fd)
{
	struct file *f = fd_remove(fd);
	int nlocks;

	if (f == NULL)
		return NB_EBADF;
	hyp_unschedule(&nlocks, NULL);
	if (f->f_mode & FMODE_WRITE)
		vfs_fsync(f, 0);
	filp_close(f, NULL);
	hyp_schedule(nlocks, NULL);
	return 0;
}

static int
file_type(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return RUMPUSER_FT_DIR;
	case S_IFREG:
		return RUMPUSER_FT_REG;
	case S_IFBLK:
		return RUMPUSER_FT_BLK;
	case S_IFCHR:
		return RUMPUSER_FT_CHR;
	default:
		return RUMPUSER_FT_OTHER;
	}
}

/* A device's size is where it ends; 0 means it has none. */
static int
device_size(const char *name, uint64_t *size)
{
	struct file *f = filp_open(name, O_RDONLY | O_LARGEFILE, 0);
	loff_t end;

	if (IS_ERR(f))
		return hyp_errtrans(PTR_ERR(f));
	end = vfs_llseek(f, 0, SEEK_END);
	filp_close(f, NULL);
	if (end <= 0)
		return end < 0 ? hyp_errtrans(end) : NB_EOPNOTSUPP;
	*size = end;
	return 0;
}

static int
getfileinfo_unscheduled(const char *name, uint64_t *size, int *type)
{
	struct kstat st;
	struct path path;
	int error, ft;
	uint64_t sz;

	if ((error = kern_path(name, LOOKUP_FOLLOW, &path)) != 0)
		return hyp_errtrans(error);
	error = vfs_getattr(&path, &st, STATX_BASIC_STATS, AT_STATX_SYNC_AS_STAT);
	path_put(&path);
	if (error != 0)
		return hyp_errtrans(error);
	ft = file_type(st.mode);
	sz = st.size;
	if (size != NULL && (ft == RUMPUSER_FT_BLK || ft == RUMPUSER_FT_CHR) &&
	    (error = device_size(name, &sz)) != 0)
		return error;
	if (size != NULL)
		*size = sz;
	if (type != NULL)
		*type = ft;
	return 0;
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	int nlocks, error;

	hyp_unschedule(&nlocks, NULL);
	error = getfileinfo_unscheduled(name, size, type);
	hyp_schedule(nlocks, NULL);
	return error;
}

/* One scatter-gather transfer at off, or at the file offset for NOSEEK. */
static int
iov_io(int fd, int write, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	struct file *f = fd_get(fd);
	struct iov_iter iter;
	size_t i, total = 0;
	loff_t pos;
	ssize_t n;
	int nlocks;

	if (f == NULL)
		return NB_EBADF;
	/* As readv/writev: no offset below NOSEEK, at most UIO_MAXIOV iovecs. */
	if (off < RUMPUSER_IOV_NOSEEK || iovlen > UIO_MAXIOV) {
		fput(f);
		return NB_EINVAL;
	}
	for (i = 0; i < iovlen; i++)
		total += ruiov[i].iov_len;
	/* struct rumpuser_iovec has struct kvec's layout. */
	iov_iter_kvec(&iter, write ? WRITE : READ, (const struct kvec *)ruiov, iovlen, total);
	pos = off == RUMPUSER_IOV_NOSEEK ? f->f_pos : off;
	hyp_unschedule(&nlocks, NULL);
	n = write ? vfs_iter_write(f, &iter, &pos, 0) : vfs_iter_read(f, &iter, &pos, 0);
	hyp_schedule(nlocks, NULL);
	if (n >= 0 && off == RUMPUSER_IOV_NOSEEK)
		f->f_pos = pos;
	fput(f);
	if (n < 0)
		return hyp_errtrans(n);
	*retv = n;
	return 0;
}

int
rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return iov_io(fd, 0, ruiov, iovlen, off, retv);
}

int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv)
{
	return iov_io(fd, 1, ruiov, iovlen, off, retv);
}

/* len 0 = to the end of the file. */
static int
sync_range(struct file *f, uint64_t start, uint64_t len, int datasync)
{
	loff_t end = len == 0 || start + len - 1 > LLONG_MAX ? LLONG_MAX : start + len - 1;

	return hyp_errtrans(vfs_fsync_range(f, start, end, datasync));
}

/* READ needs nothing: reads always see the page cache. */
int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	struct file *f;
	int error = 0;

	if ((flags & RUMPUSER_SYNCFD_BOTH) == 0)
		return NB_EINVAL;
	if ((f = fd_get(fd)) == NULL)
		return NB_EBADF;
	if (flags & RUMPUSER_SYNCFD_WRITE)
		error = sync_range(f, start, len, !(flags & RUMPUSER_SYNCFD_SYNC));
	fput(f);
	return error;
}

/* Transfer and, for SYNC writes, make stable; bytes done or -errno. */
static ssize_t
bio_transfer(struct file *f, int op, void *data, size_t dlen, int64_t off)
{
	loff_t pos = off;
	ssize_t n;
	int error;

	if (op & RUMPUSER_BIO_WRITE)
		n = kernel_write(f, data, dlen, &pos);
	else
		n = kernel_read(f, data, dlen, &pos);
	if (n > 0 && (op & (RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC)) ==
	    (RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC) &&
	    (error = vfs_fsync_range(f, off, off + n - 1, 1)) != 0)
		return error;
	return n;
}

void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	struct file *f = fd_get(fd);
	ssize_t n = -EBADF;
	int nlocks;

	hyp_unschedule(&nlocks, NULL);
	if (f != NULL) {
		n = bio_transfer(f, op, data, dlen, off);
		fput(f);
	}
	hyp_schedule(nlocks, NULL);
	if (n < 0)
		biodone(donearg, 0, hyp_errtrans(n));
	else
		biodone(donearg, (size_t)n, 0);
}
