/*
 * iov.c -- rumpuser_iovread, rumpuser_iovwrite and rumpuser_syncfd on a
 * regular file and a loop block device.
 */
#include "../file/iohelp.h"

#define NB_EIO		5
#define NB_EBADF	9
#define NB_EINVAL	22

/* The medium opened with mode: the fd, or -1 (skipped, or failed FIL-001). */
static int
open_medium(struct io_medium *m, int blk, int mode)
{
	return io_medium_open(m, blk, mode, "FIL-001");
}

static void
close_medium(struct io_medium *m, int fd)
{
	rumpuser_close(fd);
	io_medium_teardown(m);
}

/* Three pieces of 100, 4000 and 1 bytes: the gathering is what is tested. */
static void
scatter(int blk)
{
	static unsigned char a[100], b[4000], c[1], all[4101];
	struct rumpuser_iovec iov[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	struct rumpuser_iovec whole = { all, sizeof(all) };
	struct io_medium m;
	uint64_t off = 12345;
	size_t n = 0;
	int fd, error;

	if ((fd = open_medium(&m, blk, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	io_fill(a, sizeof(a), off, 4);
	io_fill(b, sizeof(b), off + sizeof(a), 4);
	io_fill(c, sizeof(c), off + sizeof(a) + sizeof(b), 4);
	error = rumpuser_iovwrite(fd, iov, 3, (int64_t)off, &n);
	RC_EXPECT("IOV-001", error == 0 && n == sizeof(all),
	    "iovwrite of 3 iovecs: error %d, %zu bytes", error, n);
	error = rumpuser_iovread(fd, &whole, 1, (int64_t)off, &n);
	RC_EXPECT("IOV-001", error == 0 && n == sizeof(all) &&
	    io_check(all, sizeof(all), off, 4) == -1,
	    "reading back the gathered write: error %d, %zu bytes, data wrong at %ld",
	    error, n, io_check(all, sizeof(all), off, 4));
	rc_memset(a, 0, sizeof(a));
	rc_memset(b, 0, sizeof(b));
	rc_memset(c, 0, sizeof(c));
	error = rumpuser_iovread(fd, iov, 3, (int64_t)off, &n);
	RC_EXPECT("IOV-002", error == 0 && n == sizeof(all) &&
	    io_check(a, sizeof(a), off, 4) == -1 &&
	    io_check(b, sizeof(b), off + sizeof(a), 4) == -1 &&
	    io_check(c, sizeof(c), off + sizeof(a) + sizeof(b), 4) == -1,
	    "scattered read: error %d, %zu bytes or the pieces hold the wrong data", error, n);
	close_medium(&m, fd);
}

RC_CASE(iov_scatter_file, "IOV-001 IOV-002",
    "positional iovwrite gathers and iovread scatters several iovecs, byte-exact, on a file")
{
	scatter(0);
}

RC_CASE(iov_scatter_blk, "IOV-001 IOV-002",
    "positional iovwrite gathers and iovread scatters several iovecs, byte-exact, on a loop device")
{
	scatter(1);
}

/*
 * rumpuser(3) leaves mixing NOSEEK and positional calls on one descriptor
 * undefined, so each mode is checked on descriptors of its own.
 */

/* NOSEEK transfer of len bytes (pattern seed, as if at at) at the file offset. */
static int
noseek_io(int fd, int write, unsigned char *buf, size_t len, uint64_t at, unsigned seed)
{
	struct rumpuser_iovec iov = { buf, len };
	size_t n = 0;
	int error;

	if (write) {
		io_fill(buf, len, at, seed);
		error = rumpuser_iovwrite(fd, &iov, 1, RUMPUSER_IOV_NOSEEK, &n);
	} else
		error = rumpuser_iovread(fd, &iov, 1, RUMPUSER_IOV_NOSEEK, &n);
	return error == 0 && n == len ? 0 : -1;
}

RC_CASE(iov_noseek, "IOV-004",
    "NOSEEK uses and advances the file offset: successive NOSEEK writes, and reads on a "
    "fresh descriptor, continue where the last ended")
{
	unsigned char buf[150];
	struct io_medium m;
	int fd, i;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	for (i = 0; i < 3; i++)
		RC_EXPECT("IOV-004", noseek_io(fd, 1, buf, 100, (uint64_t)i * 100, 5) == 0,
		    "NOSEEK write %d of 100 bytes failed", i + 1);
	rumpuser_close(fd);
	RC_BAIL();
	RC_ASSERT_EQ("FIL-001", rumpuser_open(m.path, RUMPUSER_OPEN_RDONLY, &fd), 0,
	    "reopening the medium");
	for (i = 0; i < 2; i++) {
		RC_EXPECT("IOV-004", noseek_io(fd, 0, buf, 150, 0, 0) == 0,
		    "NOSEEK read %d of 150 bytes failed", i + 1);
		RC_EXPECT("IOV-004", io_check(buf, 150, (uint64_t)i * 150, 5) == -1,
		    "NOSEEK read %d does not hold bytes %d..%d of three successive 100-byte "
		    "NOSEEK writes (wrong at %ld): NOSEEK does not continue at the file offset",
		    i + 1, i * 150, i * 150 + 149, io_check(buf, 150, (uint64_t)i * 150, 5));
	}
	close_medium(&m, fd);
}

/* Positional read of len at off holding pattern seed. */
static void
expect_at(int fd, uint64_t off, size_t len, unsigned seed)
{
	static unsigned char buf[512];	/* kernel stacks are small */
	struct rumpuser_iovec iov = { buf, len };
	size_t n = 0;
	int error;

	rc_memset(buf, 0, sizeof(buf));
	error = rumpuser_iovread(fd, &iov, 1, (int64_t)off, &n);
	RC_EXPECT("IOV-003", error == 0 && n == len && io_check(buf, len, off, seed) == -1,
	    "positional read of %zu at %llu after other positional calls: error %d, %zu bytes, "
	    "data %s: a position carried over from an earlier call", len,
	    (unsigned long long)off, error, n, io_check(buf, len, off, seed) == -1 ? "right" : "wrong");
}

RC_CASE(iov_positional, "IOV-003",
    "positional calls each transfer at their own offset, whatever positional calls came before")
{
	struct io_medium m;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	RC_EXPECT("IOV-003", io_put(fd, 1 << 20, 512, 9) == 0, "positional write at 1 MiB failed");
	RC_EXPECT("IOV-003", io_put(fd, 4096, 100, 7) == 0, "positional write at 4096 failed");
	expect_at(fd, (1 << 20) + 10, 50, 9);
	expect_at(fd, 4096, 100, 7);
	expect_at(fd, 4096, 100, 7);
	expect_at(fd, 1 << 20, 512, 9);
	close_medium(&m, fd);
}

RC_CASE(iov_eof, "IOV-005",
    "iovread at EOF gives 0 bytes and no error; across EOF the bytes there")
{
	static unsigned char buf[4096];	/* kernel stacks are small */
	struct rumpuser_iovec iov = { buf, sizeof(buf) };
	struct io_medium m;
	size_t n = 99;
	int fd, error;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDONLY)) == -1)
		return;
	error = rumpuser_iovread(fd, &iov, 1, IO_MEDIUM_SIZE, &n);
	RC_EXPECT("IOV-005", error == 0 && n == 0, "read at EOF: error %d, %zu bytes", error, n);
	error = rumpuser_iovread(fd, &iov, 1, IO_MEDIUM_SIZE - 10, &n);
	RC_EXPECT("IOV-005", error == 0 && n == 10, "read across EOF: error %d, %zu bytes", error, n);
	close_medium(&m, fd);
}

RC_CASE(iov_zero_len, "IOV-005",
    "an empty iovec list transfers 0 bytes without error")
{
	unsigned char b[1];
	struct rumpuser_iovec iov = { b, 0 };
	struct io_medium m;
	size_t n = 99;
	int fd, error;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	error = rumpuser_iovwrite(fd, &iov, 1, 0, &n);
	RC_EXPECT("IOV-005", error == 0 && n == 0, "zero-length write: error %d, %zu", error, n);
	close_medium(&m, fd);
}

RC_CASE(iov_badfd, "IOV-006",
    "iovread and iovwrite on a descriptor that is not open fail with EBADF (9)")
{
	unsigned char b[16];
	struct rumpuser_iovec iov = { b, sizeof(b) };
	size_t n;

	RC_EXPECT("IOV-006", rumpuser_iovread(-1, &iov, 1, 0, &n) == NB_EBADF, "iovread(-1)");
	RC_EXPECT("IOV-006", rumpuser_iovwrite(-1, &iov, 1, 0, &n) == NB_EBADF, "iovwrite(-1)");
	RC_EXPECT("IOV-006", rumpuser_iovread(1 << 20, &iov, 1, RUMPUSER_IOV_NOSEEK, &n) ==
	    NB_EBADF, "iovread(1<<20, NOSEEK)");
}

static void
disarm(void)
{
	const char *why;

	rch_inject_io_fault(NULL, 0, 0, 0, 0, &why);
}

RC_CASE(iov_host_faults, "IOV-007",
    "host EIO comes back as 5; a short host write as the shorter count, not an error")
{
	static unsigned char buf[8192];	/* kernel stacks are small */
	struct rumpuser_iovec iov = { buf, sizeof(buf) };
	struct io_medium m;
	const char *why;
	size_t n = 0;
	int fd, error;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (rch_inject_io_fault(m.path, RCH_IO_READ, NB_EIO, 0, 1, &why) == -1) {
		close_medium(&m, fd);
		RC_SKIP(why);
	}
	error = rumpuser_iovread(fd, &iov, 1, 0, &n);
	if (rch_io_faults_fired() == 0) {
		disarm();
		close_medium(&m, fd);
		RC_SKIP("no injected fault fired: the target's I/O bypasses libc");
	}
	RC_EXPECT("IOV-007", error == NB_EIO, "iovread over a host EIO returned %d", error);
	rch_inject_io_fault(m.path, RCH_IO_WRITE, 0, 1000, 1, &why);
	error = rumpuser_iovwrite(fd, &iov, 1, 0, &n);
	RC_EXPECT("IOV-007", error == 0 && n == 1000,
	    "short host write of 1000: error %d, %zu bytes reported", error, n);
	disarm();
	close_medium(&m, fd);
}

static void
syncfd_modes(int blk)
{
	static const int good[] = {
		RUMPUSER_SYNCFD_READ, RUMPUSER_SYNCFD_WRITE, RUMPUSER_SYNCFD_BOTH,
		RUMPUSER_SYNCFD_WRITE | RUMPUSER_SYNCFD_SYNC,
		RUMPUSER_SYNCFD_WRITE | RUMPUSER_SYNCFD_BARRIER,
		RUMPUSER_SYNCFD_BOTH | RUMPUSER_SYNCFD_BARRIER | RUMPUSER_SYNCFD_SYNC,
	};
	static const int bad[] = { 0, RUMPUSER_SYNCFD_BARRIER, RUMPUSER_SYNCFD_SYNC,
		RUMPUSER_SYNCFD_BARRIER | RUMPUSER_SYNCFD_SYNC };
	struct io_medium m;
	size_t i;
	int fd, error;

	if ((fd = open_medium(&m, blk, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO)) == -1)
		return;
	RC_EXPECT("IOV-001", io_put(fd, 0, 4096, 6) == 0, "iovwrite failed");
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		error = rumpuser_syncfd(fd, good[i], 0, 0);
		RC_EXPECT("SYN-002", error == 0, "syncfd(flags 0x%x) = %d", good[i], error);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		error = rumpuser_syncfd(fd, bad[i], 0, 0);
		RC_EXPECT("SYN-001", error == NB_EINVAL,
		    "syncfd(flags 0x%x, neither READ nor WRITE) = %d, want EINVAL (22)", bad[i], error);
	}
	close_medium(&m, fd);
}

RC_CASE(syncfd_flags_file, "SYN-001 SYN-002",
    "syncfd on a file: READ/WRITE with BARRIER/SYNC succeed; flags without READ or WRITE are EINVAL")
{
	syncfd_modes(0);
}

RC_CASE(syncfd_flags_blk, "SYN-001 SYN-002",
    "syncfd on a loop device: READ/WRITE with BARRIER/SYNC succeed; flags without READ or WRITE are EINVAL")
{
	syncfd_modes(1);
}

RC_CASE(syncfd_badfd, "SYN-005",
    "syncfd on a descriptor that is not open fails with EBADF (9)")
{
	RC_EXPECT("SYN-005", rumpuser_syncfd(-1, RUMPUSER_SYNCFD_WRITE, 0, 0) == NB_EBADF,
	    "syncfd(-1, WRITE)");
	RC_EXPECT("SYN-005", rumpuser_syncfd(1 << 20, RUMPUSER_SYNCFD_READ, 0, 0) == NB_EBADF,
	    "syncfd(1<<20, READ)");
}

#define BARRIER_BIOS	64

/* The completion argument of each barrier bio, as the kernel's buf is. */
static struct barrier_bio {
	int ndone;
} barrier_bios[BARRIER_BIOS];
static int barrier_done, barrier_stray;

static void
barrier_biodone(void *arg, size_t bytes, int error)
{
	struct barrier_bio *bb = arg;

	(void)bytes;
	(void)error;
	rc_sleep_ms(1);	/* slow completions make an early return visible */
	if (bb >= barrier_bios && bb < barrier_bios + BARRIER_BIOS)
		rc_inc(&bb->ndone);
	else
		rc_inc(&barrier_stray);
	rc_inc(&barrier_done);
}

/* Each donearg came back exactly once. */
static void
check_barrier_args(void)
{
	int i, once = 0;

	for (i = 0; i < BARRIER_BIOS; i++)
		once += rc_load(&barrier_bios[i].ndone) == 1;
	RC_EXPECT("BIO-300", once == BARRIER_BIOS && rc_load(&barrier_stray) == 0,
	    "of %d bios, %d completed once under their own donearg, %d completions "
	    "named no request", BARRIER_BIOS, once, rc_load(&barrier_stray));
}

RC_CASE(syncfd_barrier, "SYN-003 BIO-300",
    "syncfd with BARRIER returns only after every bio started before it has completed")
{
	struct io_medium m;
	void *buf = NULL;
	int fd, i, done, error;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO)) == -1)
		return;
	RC_ASSERT("SYN-003", rumpuser_malloc(BARRIER_BIOS * 4096, 4096, &buf) == 0, "malloc");
	rc_memset(barrier_bios, 0, sizeof(barrier_bios));
	rc_store(&barrier_done, 0);
	rc_store(&barrier_stray, 0);
	for (i = 0; i < BARRIER_BIOS; i++)
		rumpuser_bio(fd, RUMPUSER_BIO_WRITE, (char *)buf + i * 4096, 4096,
		    (int64_t)i * 4096, barrier_biodone, &barrier_bios[i]);
	error = rumpuser_syncfd(fd, RUMPUSER_SYNCFD_WRITE | RUMPUSER_SYNCFD_BARRIER, 0, 0);
	done = rc_load(&barrier_done);
	while (rc_load(&barrier_done) < BARRIER_BIOS)
		rc_sleep_ms(1);
	rumpuser_free(buf, BARRIER_BIOS * 4096);
	close_medium(&m, fd);
	RC_ASSERT_EQ("SYN-002", error, 0, "syncfd(WRITE|BARRIER)");
	check_barrier_args();
	RC_ASSERT("SYN-003", done == BARRIER_BIOS,
	    "syncfd(BARRIER) returned with %d of %d earlier bios completed", done, BARRIER_BIOS);
}

RC_CASE(syncfd_flush_error, "SYN-004",
    "syncfd WRITE reports a failing host flush (EIO, 5)")
{
	struct io_medium m;
	const char *why;
	int fd, error;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (rch_inject_io_fault(m.path, RCH_IO_SYNC, NB_EIO, 0, -1, &why) == -1) {
		close_medium(&m, fd);
		RC_SKIP(why);
	}
	error = rumpuser_syncfd(fd, RUMPUSER_SYNCFD_WRITE, 0, 0);
	disarm();
	if (rch_io_faults_fired() == 0) {
		close_medium(&m, fd);
		RC_SKIP("no injected fault fired: the target's flush bypasses libc");
	}
	RC_EXPECT("SYN-004", error == NB_EIO, "syncfd(WRITE) over a failing flush = %d", error);
	close_medium(&m, fd);
}

static const struct rc_case *const cases[] = {
	RC_REF(iov_scatter_file), RC_REF(iov_scatter_blk), RC_REF(iov_noseek),
	RC_REF(iov_positional),
	RC_REF(iov_eof), RC_REF(iov_zero_len), RC_REF(iov_badfd), RC_REF(iov_host_faults),
	RC_REF(syncfd_flags_file), RC_REF(syncfd_flags_blk), RC_REF(syncfd_badfd),
	RC_REF(syncfd_barrier), RC_REF(syncfd_flush_error), NULL
};
const struct rc_area rc_area_iov = { "iov", cases };
