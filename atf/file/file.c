/*
 * file.c -- rumpuser_open, rumpuser_close and rumpuser_getfileinfo on
 * regular files, directories, a character device and a loop block device.
 */
#include "iohelp.h"

#define V16_CREATE	0x200	/* revision 16's O_CREAT value */

static int
exists(const char *path)
{
	return rumpuser_getfileinfo(path, NULL, NULL) == 0;
}

/* Open path with mode; the fd, or -1 after recording the failure. */
static int
open_ok(const char *id, const char *path, int mode)
{
	int fd = -1, error = rumpuser_open(path, mode, &fd);

	if (!RC_EXPECT(id, error == 0 && fd >= 0,
	    "rumpuser_open(%s, 0x%x) = %d (fd %d)", path, mode, error, fd))
		return -1;
	return fd;
}

static void
close_ok(const char *id, int fd)
{
	int error = rumpuser_close(fd);

	RC_EXPECT(id, error == 0, "rumpuser_close(%d) = %d", fd, error);
}

/* Make a regular file of len bytes at <scratch>/name. */
static int
scratch_file(char *path, size_t len, const char *name, uint64_t size)
{
	const char *why;

	if (io_path(path, len, name, &why) == -1 || rch_make_sparse(path, size, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

RC_CASE(file_open_modes, "FIL-001",
    "RDONLY, WRONLY and RDWR open an existing file with the access they name")
{
	unsigned char b[16] = { 1 };
	struct rumpuser_iovec iov = { b, sizeof(b) };
	char path[512];
	size_t n;
	int fd;

	if (scratch_file(path, sizeof(path), "modes", 4096) == -1)
		return;
	RC_ASSERT("FIL-001", (fd = open_ok("FIL-001", path, RUMPUSER_OPEN_RDONLY)) >= 0, "RDONLY");
	RC_EXPECT("FIL-001", rumpuser_iovread(fd, &iov, 1, 0, &n) == 0, "read on an RDONLY fd failed");
	RC_EXPECT("FIL-001", rumpuser_iovwrite(fd, &iov, 1, 0, &n) != 0, "write on an RDONLY fd succeeded");
	close_ok("FIL-001", fd);
	RC_ASSERT("FIL-001", (fd = open_ok("FIL-001", path, RUMPUSER_OPEN_WRONLY)) >= 0, "WRONLY");
	RC_EXPECT("FIL-001", rumpuser_iovwrite(fd, &iov, 1, 0, &n) == 0, "write on a WRONLY fd failed");
	RC_EXPECT("FIL-001", rumpuser_iovread(fd, &iov, 1, 0, &n) != 0, "read on a WRONLY fd succeeded");
	close_ok("FIL-001", fd);
	RC_ASSERT("FIL-001", (fd = open_ok("FIL-001", path, RUMPUSER_OPEN_RDWR)) >= 0, "RDWR");
	RC_EXPECT("FIL-001", rumpuser_iovwrite(fd, &iov, 1, 0, &n) == 0, "write on an RDWR fd failed");
	RC_EXPECT("FIL-001", rumpuser_iovread(fd, &iov, 1, 0, &n) == 0, "read on an RDWR fd failed");
	close_ok("FIL-001", fd);
}

RC_CASE(file_open_missing, "FIL-002",
    "opening a missing file without CREATE fails with ENOENT (2) and creates nothing")
{
	char path[512];
	const char *why;
	int fd = -1, error;

	if (io_path(path, sizeof(path), "missing", &why) == -1)
		RC_SKIP(why);
	error = rumpuser_open(path, RUMPUSER_OPEN_RDWR, &fd);
	RC_ASSERT_EQ("FIL-002", error, NB_ENOENT, "rumpuser_open(missing, RDWR)");
	RC_ASSERT("FIL-002", !exists(path), "the failed open created the file");
}

RC_CASE(file_create, "FIL-002",
    "CREATE makes a missing file, and opens an existing one without error")
{
	char path[512];
	const char *why;
	int fd;

	if (io_path(path, sizeof(path), "created", &why) == -1)
		RC_SKIP(why);
	fd = open_ok("FIL-002", path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_CREATE);
	RC_BAIL();
	close_ok("FIL-002", fd);
	RC_ASSERT("FIL-002", exists(path), "CREATE did not create %s", path);
	fd = open_ok("FIL-002", path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_CREATE);
	RC_BAIL();
	close_ok("FIL-002", fd);
}

RC_CASE(file_excl, "FIL-003",
    "CREATE|EXCL creates a missing file and fails with EEXIST (17) on an existing one")
{
	int mode = RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_CREATE | RUMPUSER_OPEN_EXCL;
	char path[512];
	const char *why;
	int fd = -1, error;

	if (io_path(path, sizeof(path), "excl", &why) == -1)
		RC_SKIP(why);
	fd = open_ok("FIL-003", path, mode);
	RC_BAIL();
	close_ok("FIL-003", fd);
	error = rumpuser_open(path, mode, &fd);
	RC_ASSERT_EQ("FIL-003", error, NB_EEXIST, "CREATE|EXCL on an existing file");
}

RC_CASE(file_bad_accmode, "FIL-004",
    "access mode 3 is refused with EINVAL (22), even with CREATE, and creates nothing")
{
	char path[512];
	const char *why;
	int fd = -1, error;

	if (io_path(path, sizeof(path), "accmode3", &why) == -1)
		RC_SKIP(why);
	error = rumpuser_open(path, RUMPUSER_OPEN_ACCMODE | RUMPUSER_OPEN_CREATE, &fd);
	RC_ASSERT_EQ("FIL-004", error, NB_EINVAL, "rumpuser_open(ACCMODE|CREATE)");
	RC_ASSERT("FIL-004", !exists(path), "the refused open created the file");
}

RC_CASE(file_v16_bits, "FIL-005",
    "revision 16's CREATE bit (0x200) is not taken for CREATE: no file appears")
{
	char path[512];
	const char *why;
	int fd = -1, error;

	if (io_path(path, sizeof(path), "v16", &why) == -1)
		RC_SKIP(why);
	error = rumpuser_open(path, RUMPUSER_OPEN_RDWR | V16_CREATE, &fd);
	if (error == 0)
		rumpuser_close(fd);
	RC_ASSERT("FIL-005", !exists(path),
	    "open with 0x200 created the file: revision 16 flag values are honoured");
}

#define NB_EINVAL	22

static const int unknown_bits[] = { V16_CREATE, 0x800, 0x80000, 0x20, 1 << 30 };
static const int access_modes[] = {
	RUMPUSER_OPEN_RDONLY, RUMPUSER_OPEN_WRONLY, RUMPUSER_OPEN_RDWR
};

/* Whether a read and a write of fd succeed: bit 0 read, bit 1 write. */
static int
access_of(int fd)
{
	unsigned char b[16] = { 2 };
	struct rumpuser_iovec iov = { b, sizeof(b) };
	size_t n;

	return (rumpuser_iovread(fd, &iov, 1, 0, &n) == 0) |
	    (rumpuser_iovwrite(fd, &iov, 1, 0, &n) == 0) << 1;
}

/*
 * A bit v17 does not define (revision 16's values, a future flag) may be
 * refused or ignored, but it must not change the access the mode names.
 */
RC_CASE(file_unknown_bits, "FIL-730",
    "RDONLY, WRONLY and RDWR with each of 5 undefined mode bits either fail with EINVAL (22) or "
    "open with exactly the access named")
{
	char path[512];
	size_t a, u;
	int fd, error, mode, want, got;

	if (scratch_file(path, sizeof(path), "unknown", 4096) == -1)
		return;
	for (a = 0; a < sizeof(access_modes) / sizeof(access_modes[0]); a++) {
		for (u = 0; u < sizeof(unknown_bits) / sizeof(unknown_bits[0]); u++) {
			mode = access_modes[a] | unknown_bits[u];
			fd = -1;
			if ((error = rumpuser_open(path, mode, &fd)) != 0) {
				RC_EXPECT("FIL-730", error == NB_EINVAL, "open(0x%x) = %d: want "
				    "EINVAL (22) or success", mode, error);
				continue;
			}
			want = access_modes[a] == RUMPUSER_OPEN_RDONLY ? 1 :
			    access_modes[a] == RUMPUSER_OPEN_WRONLY ? 2 : 3;
			got = access_of(fd);
			rumpuser_close(fd);
			RC_EXPECT("FIL-730", got == want, "open(0x%x) succeeded with %s%s access, "
			    "want %s%s", mode, got & 1 ? "read" : "no read", got & 2 ? "+write" : "",
			    want & 1 ? "read" : "no read", want & 2 ? "+write" : "");
		}
	}
}

static void
bio_flag(int blk)
{
	struct io_medium m;
	const char *why;
	int fd;

	if (io_medium_setup(&m, blk, IO_MEDIUM_SIZE, &why) == -1) {
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	fd = open_ok("FIL-006", m.path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO);
	if (fd >= 0) {
		RC_EXPECT("FIL-006", io_put(fd, 4096, 8192, 7) == 0,
		    "iovwrite on a BIO fd of %s failed", m.path);
		close_ok("FIL-006", fd);
	}
	fd = open_ok("FIL-006", m.path, RUMPUSER_OPEN_RDONLY | RUMPUSER_OPEN_BIO);
	if (fd >= 0)
		close_ok("FIL-006", fd);
	io_medium_teardown(&m);
}

RC_CASE(file_bio_flag_file, "FIL-006",
    "BIO is advisory: RDWR|BIO and RDONLY|BIO open a regular file that stays usable")
{
	bio_flag(0);
}

RC_CASE(file_bio_flag_blk, "FIL-006",
    "BIO is advisory: RDWR|BIO and RDONLY|BIO open a loop block device that stays usable")
{
	bio_flag(1);
}

RC_CASE(file_close, "FIL-300 FIL-008 FIL-007",
    "close returns 0, the data is in the file for the next opener, and the fd is gone")
{
	static unsigned char b[4096];	/* kernel stacks are small */
	struct rumpuser_iovec iov = { b, sizeof(b) };
	char path[512];
	size_t n = 0;
	int fd, error;

	if (scratch_file(path, sizeof(path), "close", 0) == -1)
		return;
	RC_ASSERT("FIL-300", (fd = open_ok("FIL-300", path, RUMPUSER_OPEN_RDWR)) >= 0, "open");
	RC_ASSERT("FIL-008", io_put(fd, 0, sizeof(b), 3) == 0, "iovwrite failed");
	close_ok("FIL-300", fd);
	error = rumpuser_iovread(fd, &iov, 1, 0, &n);
	RC_ASSERT("FIL-300", error != 0, "iovread on the closed fd succeeded: close did not release it");
	RC_EXPECT("FIL-007", error == NB_EBADF, "iovread on the closed fd = %d, want EBADF (9)", error);
	RC_ASSERT("FIL-008", (fd = open_ok("FIL-008", path, RUMPUSER_OPEN_RDONLY)) >= 0, "reopen");
	error = rumpuser_iovread(fd, &iov, 1, 0, &n);
	close_ok("FIL-300", fd);
	RC_ASSERT("FIL-008", error == 0 && n == sizeof(b) && io_check(b, n, 0, 3) == -1,
	    "data written before close not read back (error %d, %zu bytes)", error, n);
}

RC_CASE(file_close_badfd, "FIL-007",
    "close of a descriptor that is not open fails with EBADF (9) and does not crash")
{
	RC_ASSERT_EQ("FIL-007", rumpuser_close(-1), NB_EBADF, "rumpuser_close(-1)");
	RC_ASSERT_EQ("FIL-007", rumpuser_close(1 << 20), NB_EBADF, "rumpuser_close(1<<20)");
}

#define LEAK_CYCLES	16

/* Open and close path cycles times with mode; 0, or -1 on a failure. */
static int
open_close_cycles(const char *path, int mode, int cycles)
{
	int i, fd;

	for (i = 0; i < cycles; i++) {
		if ((fd = open_ok("FIL-640", path, mode)) == -1)
			return -1;
		close_ok("FIL-640", fd);
	}
	return 0;
}

/*
 * Every mode the kernel opens with, BIO included (where a hypervisor may
 * open a direct-I/O companion), on a regular file and a block device:
 * after one warm-up round (a first file call may start a helper for
 * good), open and close cycles must leave the host's descriptor count
 * where it was.
 */
static void
close_releases_all(int blk)
{
	static const int modes[] = { RUMPUSER_OPEN_RDONLY, RUMPUSER_OPEN_RDWR,
	    RUMPUSER_OPEN_RDONLY | RUMPUSER_OPEN_BIO, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO };
	struct io_medium m;
	const char *why;
	size_t k;
	int before, after;

	if (rch_count_fds() == -1)
		RC_SKIP("this host cannot count its descriptors: leaks cannot be checked");
	if (io_medium_setup(&m, blk, IO_MEDIUM_SIZE, &why) == -1) {
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	for (k = 0; k < sizeof(modes) / sizeof(modes[0]); k++)
		if (open_close_cycles(m.path, modes[k], 1) == -1)
			break;
	for (k = 0; k < sizeof(modes) / sizeof(modes[0]) && !rc_failed(); k++) {
		before = rch_count_fds();
		if (open_close_cycles(m.path, modes[k], LEAK_CYCLES) == -1)
			break;
		after = rch_count_fds();
		RC_EXPECT("FIL-640", after == before, "%d open/close cycles of %s with mode 0x%x: "
		    "%d host descriptors before, %d after: close does not release what open took",
		    LEAK_CYCLES, m.path, modes[k], before, after);
	}
	io_medium_teardown(&m);
}

RC_CASE(file_close_releases_file, "FIL-640",
    "open/close cycles of a regular file in every mode, BIO included, leave the host's "
    "descriptor count unchanged")
{
	close_releases_all(0);
}

RC_CASE(file_close_releases_blk, "FIL-640",
    "open/close cycles of a loop block device in every mode, BIO included, leave the host's "
    "descriptor count unchanged")
{
	close_releases_all(1);
}

/* getfileinfo(path) must give type want and, if wantsize, that size. */
static void
info_is(const char *id, const char *path, int want, int checksize, uint64_t wantsize)
{
	uint64_t size = ~0ull;
	int type = -1, error = rumpuser_getfileinfo(path, checksize ? &size : NULL, &type);

	RC_ASSERT_EQ(id, error, 0, "rumpuser_getfileinfo error");
	RC_ASSERT_EQ(id, type, want, "file type");
	if (checksize)
		RC_ASSERT_EQ(id, size, wantsize, "size");
}

RC_CASE(file_info_reg, "FIL-009",
    "getfileinfo on a regular file: type REG (2) and its exact size in bytes")
{
	char path[512];

	if (scratch_file(path, sizeof(path), "info", (5u << 20) + 123) == -1)
		return;
	info_is("FIL-009", path, RUMPUSER_FT_REG, 1, (5u << 20) + 123);
}

RC_CASE(file_info_dir, "FIL-010",
    "getfileinfo on a directory: type DIR (1)")
{
	const char *why, *dir = rch_tmpdir(&why);

	if (dir == NULL)
		RC_SKIP(why);
	info_is("FIL-010", dir, RUMPUSER_FT_DIR, 0, 0);
}

RC_CASE(file_info_blk, "FIL-011",
    "getfileinfo on a loop block device: type BLK (3) and the device size in bytes")
{
	struct io_medium m;
	const char *why;

	if (io_medium_setup(&m, 1, IO_MEDIUM_SIZE, &why) == -1) {
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	info_is("FIL-011", m.path, RUMPUSER_FT_BLK, 1, IO_MEDIUM_SIZE);
	io_medium_teardown(&m);
}

RC_CASE(file_info_chr, "FIL-012",
    "getfileinfo on a character device with a NULL size: type CHR (4)")
{
	const char *why, *dev = rch_char_device(&why);

	if (dev == NULL)
		RC_SKIP(why);
	info_is("FIL-012", dev, RUMPUSER_FT_CHR, 0, 0);
}

RC_CASE(file_info_null_out, "FIL-013",
    "getfileinfo accepts NULL for size, for type, and for both")
{
	uint64_t size = 0;
	int type = -1;
	char path[512];

	if (scratch_file(path, sizeof(path), "nullout", 1000) == -1)
		return;
	RC_ASSERT_EQ("FIL-013", rumpuser_getfileinfo(path, NULL, NULL), 0, "both NULL");
	RC_ASSERT_EQ("FIL-013", rumpuser_getfileinfo(path, &size, NULL), 0, "type NULL");
	RC_ASSERT_EQ("FIL-013", size, 1000, "size with type NULL");
	RC_ASSERT_EQ("FIL-013", rumpuser_getfileinfo(path, NULL, &type), 0, "size NULL");
	RC_ASSERT_EQ("FIL-013", type, RUMPUSER_FT_REG, "type with size NULL");
}

RC_CASE(file_info_missing, "FIL-014",
    "getfileinfo on a missing name fails with ENOENT (2) and writes nothing")
{
	uint64_t size = 0x5a5a5a5a5a5a5a5aull;
	int type = 0x5a5a5a5a;
	char path[512];
	const char *why;

	if (io_path(path, sizeof(path), "nosuchfile", &why) == -1)
		RC_SKIP(why);
	RC_ASSERT_EQ("FIL-014", rumpuser_getfileinfo(path, &size, &type), NB_ENOENT, "error");
	RC_ASSERT("FIL-014", size == 0x5a5a5a5a5a5a5a5aull && type == 0x5a5a5a5a,
	    "outputs written on error (size %llu, type %d)", (unsigned long long)size, type);
}

RC_CASE(file_errno_netbsd, "FIL-015",
    "open errors are NetBSD numbers: ENOTDIR 20, ENAMETOOLONG 63 (not Linux's 36)")
{
	char path[512], longname[1400];
	size_t i;
	int fd = -1;

	if (scratch_file(path, sizeof(path), "notadir", 0) == -1)
		return;
	rc_snprintf(path + rc_strlen(path), sizeof(path) - rc_strlen(path), "/x");
	RC_EXPECT("FIL-015", rumpuser_open(path, RUMPUSER_OPEN_RDONLY, &fd) == NB_ENOTDIR,
	    "open(file/x) did not give ENOTDIR (20)");
	for (i = 0; i < sizeof(longname) - 1; i++)
		longname[i] = 'n';
	longname[sizeof(longname) - 1] = '\0';
	RC_EXPECT("FIL-015", rumpuser_open(longname, RUMPUSER_OPEN_RDONLY, &fd) == NB_ENAMETOOLONG,
	    "open(a 1399-byte name) did not give ENAMETOOLONG (63)");
}

/* A special file <scratch>/name (to target, for a symlink); -1 after the skip. */
static int
scratch_node(char *path, size_t len, const char *name, int kind, const char *target)
{
	const char *why;

	if (io_path(path, len, name, &why) == -1 ||
	    rch_make_node(path, kind, target, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

RC_CASE(file_info_symlinks, "FIL-200 FIL-201",
    "getfileinfo follows symlinks as open does: to a file REG with its size, to a directory DIR, "
    "a dangling one ENOENT")
{
	uint64_t size = 0x5a5a5a5a5a5a5a5aull;
	int type = 0x5a5a5a5a;
	char file[512], link[512];
	const char *why, *dir = rch_tmpdir(&why);

	if (dir == NULL)
		RC_SKIP(why);
	if (scratch_file(file, sizeof(file), "linked", 7777) == -1 ||
	    scratch_node(link, sizeof(link), "link_to_file", RCH_NODE_SYMLINK, file) == -1)
		return;
	info_is("FIL-200", link, RUMPUSER_FT_REG, 1, 7777);
	if (scratch_node(link, sizeof(link), "link_to_dir", RCH_NODE_SYMLINK, dir) == -1)
		return;
	info_is("FIL-200", link, RUMPUSER_FT_DIR, 0, 0);
	if (scratch_node(link, sizeof(link), "link_dangling", RCH_NODE_SYMLINK,
	    "rumpcheck-no-such-target") == -1)
		return;
	RC_ASSERT_EQ("FIL-201", rumpuser_getfileinfo(link, &size, &type), NB_ENOENT,
	    "getfileinfo error for a dangling symlink");
	RC_ASSERT("FIL-201", size == 0x5a5a5a5a5a5a5a5aull && type == 0x5a5a5a5a,
	    "outputs written on error (size %llu, type %d)", (unsigned long long)size, type);
}

RC_CASE(file_info_fifo_socket, "FIL-202",
    "getfileinfo on a FIFO and on a local socket: type OTHER (0), none of REG, DIR, BLK, CHR")
{
	static const struct { const char *name; int kind; } nodes[] = {
		{ "fifo", RCH_NODE_FIFO }, { "socket", RCH_NODE_SOCKET } };
	char path[512];
	uint64_t size;
	int i, type, error;

	for (i = 0; i < 2; i++) {
		if (scratch_node(path, sizeof(path), nodes[i].name, nodes[i].kind, NULL) == -1)
			return;
		type = -1;
		error = rumpuser_getfileinfo(path, &size, &type);
		RC_ASSERT("FIL-202", error == 0 && type == RUMPUSER_FT_OTHER,
		    "getfileinfo(a %s) = %d, type %d; want 0, type OTHER (0): the kernel would "
		    "take it for a %s", nodes[i].name, error, type, type == RUMPUSER_FT_REG ?
		    "regular file" : type == RUMPUSER_FT_DIR ? "directory" : "device");
	}
}

#define NB_ENXIO	6

/*
 * A device node whose driver is missing (a module not loaded, a node
 * copied from another machine): stat succeeds, open fails with ENXIO.
 * Its type needs no open; its size does, and that failure is the answer.
 */
RC_CASE(file_info_chr_nodriver, "FIL-641",
    "getfileinfo on a character node with no driver: type CHR (4) with size NULL; with size, "
    "ENXIO (6) and neither output written")
{
	uint64_t size = 0x5a5a5a5a5a5a5a5aull;
	int type = 0x5a5a5a5a, error;
	char path[512];

	if (scratch_node(path, sizeof(path), "nodriver", RCH_NODE_CHR_NODRIVER, NULL) == -1)
		return;
	error = rumpuser_getfileinfo(path, NULL, &type);
	RC_EXPECT("FIL-641", error == 0 && type == RUMPUSER_FT_CHR, "getfileinfo(a driverless "
	    "character node, size NULL) = %d, type %d; want 0, CHR (4): the type needs no open",
	    error, type);
	type = 0x5a5a5a5a;
	error = rumpuser_getfileinfo(path, &size, &type);
	RC_EXPECT("FIL-641", error == NB_ENXIO, "getfileinfo(a driverless character node, "
	    "size) = %d, want ENXIO (6): the host's reason for not opening it", error);
	RC_EXPECT("FIL-641", error == 0 || (size == 0x5a5a5a5a5a5a5a5aull && type == 0x5a5a5a5a),
	    "outputs written on error (size %llu, type %d)", (unsigned long long)size, type);
}

/*
 * A terminal master or a clone device has no end to seek to: its size is
 * unknown, and a size made of lseek's failure (2^64 - 1) would be a disk
 * of 16 EiB to the kernel.
 */
RC_CASE(file_info_chr_unseekable, "FIL-645",
    "getfileinfo on a character device that cannot seek: type CHR (4) with size NULL; with "
    "size, an error and neither output written, never a size")
{
	uint64_t size = 0x5a5a5a5a5a5a5a5aull;
	int type = 0x5a5a5a5a, error;
	const char *why, *dev = rch_unseekable_char_device(&why);

	if (dev == NULL)
		RC_SKIP(why);
	error = rumpuser_getfileinfo(dev, NULL, &type);
	RC_EXPECT("FIL-645", error == 0 && type == RUMPUSER_FT_CHR, "getfileinfo(%s, size "
	    "NULL) = %d, type %d; want 0, CHR (4)", dev, error, type);
	type = 0x5a5a5a5a;
	error = rumpuser_getfileinfo(dev, &size, &type);
	RC_EXPECT("FIL-645", error != 0, "getfileinfo(%s, size) = 0 with size %llu: the host "
	    "cannot tell this device's size (lseek fails), so no size is true", dev,
	    (unsigned long long)size);
	RC_EXPECT("FIL-645", error == 0 || (size == 0x5a5a5a5a5a5a5a5aull && type == 0x5a5a5a5a),
	    "outputs written on error %d (size %llu, type %d)", error, (unsigned long long)size,
	    type);
}

/* A call waiting this long waited for an event: it must have released the CPU. */
#define WAITED_MS	50

struct fifo_end {
	const char *path;
	unsigned char *buf;
	size_t len;		/* to read in all */
	volatile int started;
	int fd, open_error, read_error;
	unsigned long open_unsched, read_unsched;
	uint64_t open_ms, read_ms;
	size_t got;
};

static unsigned long
unsched_now(void)
{
	struct lwp *l = mk_curlwp();

	return l != NULL ? rc_load(&l->l_unsched) : 0;
}

/* Open the FIFO for reading (waits for a writer), then read f->len bytes. */
static void
fifo_reader_fn(void *a)
{
	struct fifo_end *f = a;
	struct rumpuser_iovec iov;
	unsigned long u0 = unsched_now();
	uint64_t t0 = rch_mono_ns();
	size_t n;

	rc_store(&f->started, 1);
	f->open_error = rumpuser_open(f->path, RUMPUSER_OPEN_RDONLY, &f->fd);
	f->open_unsched = unsched_now() - u0;
	f->open_ms = (rch_mono_ns() - t0) / 1000000u;
	if (f->open_error != 0)
		return;
	u0 = unsched_now();
	t0 = rch_mono_ns();
	while (f->got < f->len) {
		iov.iov_base = f->buf + f->got;
		iov.iov_len = f->len - f->got;
		if ((f->read_error = rumpuser_iovread(f->fd, &iov, 1, RUMPUSER_IOV_NOSEEK,
		    &n)) != 0 || n == 0)
			break;
		f->got += n;
	}
	f->read_unsched = unsched_now() - u0;
	f->read_ms = (rch_mono_ns() - t0) / 1000000u;
}

static void
check_waited(const char *call, uint64_t ms, unsigned long unsched)
{
	RC_EXPECT("FIL-203", ms < WAITED_MS || unsched > 0,
	    "%s on a FIFO waited %llu ms for its peer without releasing the virtual CPU: "
	    "no other kernel thread could run on it meanwhile", call, (unsigned long long)ms);
}

/*
 * The reader waits in open for the writer, then in iovread for data; the
 * writer then writes more than the FIFO holds before the reader drains it.
 */
RC_CASE_F(file_fifo_waits_unscheduled, "FIL-203",
    "open, iovread and iovwrite waiting on a FIFO (for a peer, data, room) release the virtual CPU",
    RC_F_SLOW)
{
	static unsigned char big[1 << 20], sink[1 << 20];
	struct fifo_end f = { .buf = sink, .len = 16 + sizeof(big), .fd = -1 };
	struct rumpuser_iovec iov = { big, 16 };
	struct rc_thread *t;
	char path[512];
	unsigned long u0;
	uint64_t t0;
	size_t n;
	int wfd;

	if (scratch_node(path, sizeof(path), "blockfifo", RCH_NODE_FIFO, NULL) == -1)
		return;
	f.path = path;
	if ((t = rc_spawn(fifo_reader_fn, &f, "rc_fiforeader")) == NULL)
		return;
	rc_wait_flag(&f.started, 2000);
	rc_sleep_ms(2 * WAITED_MS);	/* the reader waits in open */
	wfd = open_ok("FIL-203", path, RUMPUSER_OPEN_WRONLY);
	if (wfd >= 0) {
		rc_sleep_ms(2 * WAITED_MS);	/* now in iovread, for data */
		RC_EXPECT("FIL-203", rumpuser_iovwrite(wfd, &iov, 1, RUMPUSER_IOV_NOSEEK, &n) == 0,
		    "iovwrite of 16 bytes to the FIFO failed");
		rc_sleep_ms(2 * WAITED_MS);	/* the reader drains the rest later */
		iov.iov_len = sizeof(big);
		u0 = unsched_now();
		t0 = rch_mono_ns();
		RC_EXPECT("FIL-203", rumpuser_iovwrite(wfd, &iov, 1, RUMPUSER_IOV_NOSEEK, &n) == 0,
		    "iovwrite of 1 MiB to the FIFO failed");
		check_waited("iovwrite", (rch_mono_ns() - t0) / 1000000u, unsched_now() - u0);
		close_ok("FIL-203", wfd);
	}
	rc_join(t);
	if (f.fd >= 0)
		close_ok("FIL-203", f.fd);
	RC_ASSERT("FIL-203", f.open_error == 0 && f.read_error == 0,
	    "the reader's open/iovread of the FIFO failed: %d/%d", f.open_error, f.read_error);
	check_waited("open", f.open_ms, f.open_unsched);
	check_waited("iovread", f.read_ms, f.read_unsched);
}

static const struct rc_case *const cases[] = {
	RC_REF(file_open_modes), RC_REF(file_open_missing), RC_REF(file_create),
	RC_REF(file_excl), RC_REF(file_bad_accmode), RC_REF(file_v16_bits),
	RC_REF(file_unknown_bits),
	RC_REF(file_bio_flag_file), RC_REF(file_bio_flag_blk), RC_REF(file_close),
	RC_REF(file_close_releases_file), RC_REF(file_close_releases_blk),
	RC_REF(file_close_badfd), RC_REF(file_info_reg), RC_REF(file_info_dir),
	RC_REF(file_info_blk), RC_REF(file_info_chr), RC_REF(file_info_null_out),
	RC_REF(file_info_missing), RC_REF(file_errno_netbsd), RC_REF(file_info_symlinks),
	RC_REF(file_info_fifo_socket), RC_REF(file_info_chr_nodriver),
	RC_REF(file_info_chr_unseekable),
	RC_REF(file_fifo_waits_unscheduled), NULL
};
const struct rc_area rc_area_file = { "file", cases };
