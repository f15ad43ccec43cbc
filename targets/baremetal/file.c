/*
 * file.c -- files on the machine's block devices. There is no file
 * system, only a flat table of names: the devices themselves ("blk0":
 * FT_BLK, the whole disk), and scratch files on disk 0 (made by
 * bm_file_bind or by open with CREATE), sparse: each maps its 1 MiB
 * blocks to disk blocks on first write, and an unmapped block reads as
 * zeros. Disk blocks are handed out in turn and recycled once the disk is
 * used up (scratch files do not outlive a few cases). Byte-granular I/O
 * goes through a one-sector bounce buffer at unaligned ends. Everything
 * is synchronous in the caller, without the virtual CPU meanwhile; bio
 * calls biodone with it.
 */
#include <string.h>

#include "bm.h"

#define SECTOR		512u
#define CHUNK		(64u << 10)	/* dirty-tracking and zeroing unit */
#define FBLOCK		(1u << 20)	/* a scratch file's mapping unit */
#define MAX_MAP		320		/* blocks one scratch file may have written */
#define MAX_NODES	32
#define MAX_FDS		64
#define NAMELEN		128
#define PATH_MAX_NB	1024		/* NetBSD's PATH_MAX and NAME_MAX */
#define NAME_MAX_NB	255

struct extent {
	uint32_t fblk, dblk;		/* file block -> disk block */
};

struct node {
	char name[NAMELEN];
	int type;
	int dev;			/* devices: the machine's device */
	int over;			/* a view of another node's bytes, or -1 */
	uint64_t size;
	int nmap;			/* scratch files: the blocks written */
	struct extent *map;
};

struct fdent {
	int used;
	int node;
	int mode;
	uint64_t pos;		/* NOSEEK I/O */
};

static struct node nodes[MAX_NODES];
static int nnodes = -1;		/* -1: devices not listed yet */
static struct fdent fds[MAX_FDS];
static uint8_t *dirty;		/* one bit per CHUNK of disk 0 written */
static uint32_t next_dblk;	/* the next disk block to hand out */
static uint8_t bounce[SECTOR] __attribute__((__aligned__(16)));
static uint8_t zeros[CHUNK] __attribute__((__aligned__(16)));

static void
set_name(struct node *n, const char *name)
{
	size_t len = strlen(name);

	memset(n->name, 0, NAMELEN);
	memcpy(n->name, name, len < NAMELEN ? len : NAMELEN - 1);
}

static void
list_devices(void)
{
	int i, n = mach_blk_count();
	size_t bits;

	nnodes = 0;
	for (i = 0; i < n && nnodes < MAX_NODES; i++, nnodes++) {
		struct node *d = &nodes[nnodes];

		set_name(d, mach_blk_name(i));
		d->type = RUMPUSER_FT_BLK;
		d->dev = i;
		d->over = -1;
		d->size = mach_blk_size(i);
	}
	bits = n > 0 ? mach_blk_size(0) / CHUNK / 8 + 1 : 0;
	if (bits > 0 && (dirty = bm_alloc(bits, 16)) != NULL)
		memset(dirty, 0, bits);
}

static struct node *
find_node(const char *name)
{
	int i;

	if (nnodes < 0)
		list_devices();
	for (i = 0; i < nnodes; i++)
		if (nodes[i].name[0] != '\0' && strcmp(nodes[i].name, name) == 0)
			return &nodes[i];
	return NULL;
}

int
bm_file_count(void)
{
	int i, n = 0;

	for (i = 0; i < MAX_FDS; i++)
		n += fds[i].used;
	return n;
}

/* --- the device, any byte range -------------------------------------------- */

static void
mark_dirty(int dev, uint64_t off, uint64_t len)
{
	uint64_t c;

	if (dev != 0 || dirty == NULL || len == 0)
		return;
	for (c = off / CHUNK; c <= (off + len - 1) / CHUNK; c++)
		dirty[c / 8] |= (uint8_t)(1u << (c % 8));
}

/* One partial sector at off (within it), through the bounce buffer. */
static int
partial_sector(int dev, int write, uint64_t off, uint8_t *buf, size_t len)
{
	uint64_t sec = off & ~(uint64_t)(SECTOR - 1);
	int error;

	if ((error = mach_blk_rw(dev, 0, sec, bounce, SECTOR)) != 0)
		return error;
	if (!write) {
		memcpy(buf, bounce + (off - sec), len);
		return 0;
	}
	memcpy(bounce + (off - sec), buf, len);
	return mach_blk_rw(dev, 1, sec, bounce, SECTOR);
}

static int
disk_rw(int dev, int write, uint64_t off, uint8_t *buf, size_t len)
{
	size_t n;
	int error = 0;

	if (write)
		mark_dirty(dev, off, len);
	while (len > 0 && error == 0) {
		if (off % SECTOR != 0 || len < SECTOR) {
			n = SECTOR - off % SECTOR;
			n = n < len ? n : len;
			error = -partial_sector(dev, write, off, buf, n);
		} else {
			n = len & ~(size_t)(SECTOR - 1);
			n = n < CHUNK ? n : CHUNK;
			error = -mach_blk_rw(dev, write, off, buf, n);
		}
		off += n;
		buf += n;
		len -= n;
	}
	return error;
}

/* A fresh disk block of disk 0, zeroed where it was ever written; -1 if none. */
static int64_t
disk_block(void)
{
	uint64_t blocks = mach_blk_size(0) / FBLOCK, c, first;
	int error;

	if (blocks == 0)
		return -1;
	if (next_dblk >= blocks)
		next_dblk = 0;	/* recycle: earlier scratch files are gone */
	first = (uint64_t)next_dblk * FBLOCK / CHUNK;
	for (c = first; dirty != NULL && c < first + FBLOCK / CHUNK; c++) {
		if (!(dirty[c / 8] & (1u << (c % 8))))
			continue;
		if ((error = mach_blk_rw(0, 1, c * CHUNK, zeros, CHUNK)) != 0)
			return -1;
		dirty[c / 8] &= (uint8_t)~(1u << (c % 8));
	}
	return next_dblk++;
}

/* --- binding names ---------------------------------------------------------- */

static struct node *
node_slot(const char *name)
{
	struct node *n = find_node(name);
	int i;

	if (n != NULL)
		return n;
	for (i = 0; i < nnodes; i++)
		if (nodes[i].name[0] == '\0')
			return &nodes[i];
	return nnodes < MAX_NODES ? &nodes[nnodes++] : NULL;
}

/* The node data really lives in (a view's target). */
static struct node *
backing(struct node *n)
{
	return n->over >= 0 ? &nodes[n->over] : n;
}

int
bm_file_bind(const char *name, uint64_t size, int type, const char *over)
{
	struct node *src = over != NULL ? find_node(over) : NULL, *n;

	if (strlen(name) >= NAMELEN)
		return NB_ENAMETOOLONG;
	if (over != NULL && src == NULL)
		return NB_ENOENT;
	if (mach_blk_count() == 0 && type != RUMPUSER_FT_DIR)
		return NB_ENXIO;
	if (src == NULL && type != RUMPUSER_FT_DIR &&
	    size > mach_blk_size(0) / FBLOCK * FBLOCK)	/* whole blocks; no wrap */
		return NB_ENOSPC;
	if ((n = node_slot(name)) == NULL)
		return NB_ENFILE;
	if (n->map != NULL && n->over < 0)
		bm_free(n->map);
	*n = (struct node){ .type = type, .over = -1 };
	set_name(n, name);
	if (src != NULL) {
		n->over = (int)(backing(src) - nodes);
		n->size = src->size;
		return 0;
	}
	n->size = size;
	if (type != RUMPUSER_FT_DIR &&
	    (n->map = bm_alloc(MAX_MAP * sizeof(*n->map), 16)) == NULL) {
		n->name[0] = '\0';
		return NB_ENOMEM;
	}
	return 0;
}

/* --- scratch files: sparse block maps --------------------------------------- */

/* The disk block holding file block fblk; -1 if unmapped (and not made). */
static int64_t
map_block(struct node *n, uint32_t fblk, int make)
{
	int64_t d;
	int i;

	for (i = 0; i < n->nmap; i++)
		if (n->map[i].fblk == fblk)
			return n->map[i].dblk;
	if (!make || n->nmap == MAX_MAP || (d = disk_block()) < 0)
		return -1;
	n->map[n->nmap++] = (struct extent){ fblk, (uint32_t)d };
	return d;
}

/* Transfer within one file block; 0 or a NetBSD errno. */
static int
scratch_rw(struct node *n, int write, uint64_t off, uint8_t *buf, size_t len)
{
	int64_t d = map_block(n, (uint32_t)(off / FBLOCK), write);

	if (d < 0 && write)
		return NB_ENOSPC;
	if (d < 0) {
		memset(buf, 0, len);
		return 0;
	}
	return disk_rw(0, write, (uint64_t)d * FBLOCK + off % FBLOCK, buf, len);
}

/* Bytes moved at off (clipped at the end), or -errno. */
static int64_t
node_io(struct node *view, int write, uint64_t off, uint8_t *buf, size_t len)
{
	struct node *n = backing(view);
	uint64_t end = view->over >= 0 || n->map == NULL ? view->size : UINT64_MAX / 2;
	size_t done = 0, part;
	int error = 0;

	if (view->type == RUMPUSER_FT_DIR)
		return -NB_EISDIR;
	if (!write)
		end = view->over >= 0 ? view->size : n->size;
	if (off >= end)
		return write && len > 0 ? -NB_ENOSPC : 0;
	if (len > end - off)
		len = (size_t)(end - off);
	if (n->map == NULL)
		error = disk_rw(n->dev, write, off, buf, len);
	for (; n->map != NULL && done < len && error == 0; done += part) {
		part = FBLOCK - (off + done) % FBLOCK;
		part = part < len - done ? part : len - done;
		error = scratch_rw(n, write, off + done, buf + done, part);
	}
	if (error != 0)
		return -error;
	if (write && n->map != NULL && len > 0 && off + len > n->size)
		n->size = off + len;	/* an empty write grows nothing */
	return (int64_t)len;
}

/* --- descriptors ------------------------------------------------------------ */

static struct fdent *
fd_get(int fd)
{
	if (fd < 0 || fd >= MAX_FDS || !fds[fd].used)
		return NULL;
	return &fds[fd];
}

/*
 * Check name as a path: too long (ENAMETOOLONG), or through a name that
 * is not a directory (ENOTDIR). *parent_dir: whether everything before
 * its last '/' is a directory (where CREATE may make it).
 */
static int
check_path(const char *name, int *parent_dir)
{
	char prefix[NAMELEN];
	size_t len = strlen(name), i, comp = 0;
	struct node *n;

	*parent_dir = 0;
	if (len >= PATH_MAX_NB)
		return NB_ENAMETOOLONG;
	for (i = 0; i < len; i++, comp++) {
		if (name[i] == '/')
			comp = (size_t)-1;
		else if (comp >= NAME_MAX_NB)
			return NB_ENAMETOOLONG;
	}
	for (i = 1; i < len && i < NAMELEN; i++) {
		if (name[i] != '/')
			continue;
		memcpy(prefix, name, i);
		prefix[i] = '\0';
		n = find_node(prefix);
		*parent_dir = n != NULL && n->type == RUMPUSER_FT_DIR;
		if (n != NULL && n->type != RUMPUSER_FT_DIR)
			return NB_ENOTDIR;
	}
	return 0;
}

int
rumpuser_open(const char *name, int mode, int *fdp)
{
	int create = (mode & RUMPUSER_OPEN_CREATE) != 0, parent_dir, fd, error;
	struct node *n;

	if ((mode & RUMPUSER_OPEN_ACCMODE) == RUMPUSER_OPEN_ACCMODE)
		return NB_EINVAL;
	if ((error = check_path(name, &parent_dir)) != 0)
		return error;
	if ((n = find_node(name)) == NULL) {
		if (!create || !parent_dir)
			return NB_ENOENT;
		if ((error = bm_file_bind(name, 0, RUMPUSER_FT_REG, NULL)) != 0)
			return error;
		n = find_node(name);
	} else if (create && (mode & RUMPUSER_OPEN_EXCL))
		return NB_EEXIST;
	if (n->type == RUMPUSER_FT_DIR && (mode & RUMPUSER_OPEN_ACCMODE) != RUMPUSER_OPEN_RDONLY)
		return NB_EISDIR;
	for (fd = 0; fd < MAX_FDS && fds[fd].used; fd++)
		continue;
	if (fd == MAX_FDS)
		return NB_EMFILE;
	fds[fd] = (struct fdent){ 1, (int)(n - nodes), mode, 0 };
	*fdp = fd;
	return 0;
}

int
rumpuser_close(int fd)
{
	struct fdent *f = fd_get(fd);

	if (f == NULL)
		return NB_EBADF;
	f->used = 0;
	return 0;
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	struct node *n;
	int parent_dir, error;

	if ((error = check_path(name, &parent_dir)) != 0)
		return error;
	if ((n = find_node(name)) == NULL)
		return NB_ENOENT;
	if (size != NULL)
		*size = n->size;
	if (type != NULL)
		*type = n->type;
	return 0;
}

static int
can(const struct fdent *f, int write)
{
	int acc = f->mode & RUMPUSER_OPEN_ACCMODE;

	return write ? acc != RUMPUSER_OPEN_RDONLY : acc != RUMPUSER_OPEN_WRONLY;
}

static int
iov_io(int fd, int write, const struct rumpuser_iovec *iov, size_t iovlen,
    int64_t off, size_t *retv)
{
	struct fdent *f = fd_get(fd);
	uint64_t pos;
	size_t i, done = 0;
	int64_t n = 0;
	int nlocks;

	if (f == NULL || !can(f, write))
		return NB_EBADF;
	if (off < RUMPUSER_IOV_NOSEEK || iovlen > 1024)
		return NB_EINVAL;
	pos = off == RUMPUSER_IOV_NOSEEK ? f->pos : (uint64_t)off;
	bm_unschedule(&nlocks, NULL);
	for (i = 0; i < iovlen; i++) {
		n = node_io(&nodes[f->node], write, pos + done, iov[i].iov_base, iov[i].iov_len);
		if (n < 0)
			break;
		done += (size_t)n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	bm_schedule(nlocks, NULL);
	if (n < 0 && done == 0)
		return (int)-n;
	if (off == RUMPUSER_IOV_NOSEEK)
		f->pos = pos + done;
	*retv = done;
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

/* The whole transfer, then a flush for a SYNC write: bytes or -errno. */
static int64_t
bio_transfer(struct fdent *f, int op, void *data, size_t dlen, int64_t off)
{
	int write = (op & RUMPUSER_BIO_WRITE) != 0, error;
	int64_t n;

	if (f == NULL || !can(f, write))
		return -NB_EBADF;
	if (off < 0)
		return -NB_EINVAL;
	n = node_io(&nodes[f->node], write, (uint64_t)off, data, dlen);
	if (n > 0 && write && (op & RUMPUSER_BIO_SYNC) &&
	    (error = mach_blk_flush(nodes[f->node].dev)) != 0)
		return -error;
	return n;
}

void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	int64_t n;
	int nlocks;

	bm_unschedule(&nlocks, NULL);
	n = bio_transfer(fd_get(fd), op, data, dlen, off);
	bm_schedule(nlocks, NULL);
	if (n < 0)
		biodone(donearg, 0, (int)-n);
	else
		biodone(donearg, (size_t)n, 0);
}

/* Every write is done when it returns: WRITE flushes the device's cache. */
int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	struct fdent *f = fd_get(fd);
	int nlocks, error = 0;

	(void)start;
	(void)len;
	if ((flags & RUMPUSER_SYNCFD_BOTH) == 0)
		return NB_EINVAL;
	if (f == NULL)
		return NB_EBADF;
	if (flags & RUMPUSER_SYNCFD_WRITE) {
		bm_unschedule(&nlocks, NULL);
		error = mach_blk_flush(nodes[f->node].dev);
		bm_schedule(nlocks, NULL);
	}
	return error;
}
