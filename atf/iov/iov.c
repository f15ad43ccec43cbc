/*
 * iov.c -- rumpuser_iovread, rumpuser_iovwrite and rumpuser_syncfd on a
 * regular file and a loop block device.
 */
#include "../file/iohelp.h"

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

/* What an earlier host call left in errno: a failure, an interruption. */
static int (*const stale_errno[])(const char **) = {
	rch_leave_stale_errno, rch_leave_interrupted_errno
};
static const char *const stale_name[] = { "EIO", "EINTR" };
#define STALE_KINDS	2
#define STALE_MAXLEN	3
#define STALE_TOTAL	(STALE_KINDS * STALE_MAXLEN * (STALE_MAXLEN + 1) / 2)

/* NOSEEK transfers of 1..STALE_MAXLEN bytes, each after a stale errno;
   -1 when the host cannot leave one (the case skipped). */
static int
stale_errno_pass(int fd, int write)
{
	unsigned char buf[STALE_MAXLEN];
	const char *why;
	uint64_t at = 0;
	size_t len;
	int k;

	for (k = 0; k < STALE_KINDS; k++)
		for (len = 1; len <= STALE_MAXLEN; len++) {
			if (stale_errno[k](&why) != 0) {
				rc_skip(why);
				return -1;
			}
			RC_EXPECT("IOV-730", noseek_io(fd, write, buf, len, at, 9) == 0 &&
			    (write || io_check(buf, len, at, 9) == -1), "NOSEEK %s of %zu bytes "
			    "at %llu with %s left in errno: failed, or the bytes are not the next "
			    "ones", write ? "write" : "read", len, (unsigned long long)at,
			    stale_name[k]);
			at += len;
		}
	return 0;
}

/*
 * A hypercall that succeeds must transfer each byte once, whatever errno
 * held before it: a retry that tests errno rather than the call's result
 * (the EINTR loop) repeats a transfer that already happened.
 */
RC_CASE(iov_stale_errno, "IOV-730",
    "NOSEEK writes, then reads, of 1, 2 and 3 bytes, each with EIO or EINTR left in the host "
    "errno, each transfer their bytes once, in order")
{
	unsigned char all[STALE_TOTAL];
	struct rumpuser_iovec iov = { all, sizeof(all) };
	struct io_medium m;
	size_t n = 0;
	int fd, error;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (stale_errno_pass(fd, 1) == -1) {
		close_medium(&m, fd);
		return;
	}
	/* Read back positionally, with nothing left in errno to mislead. */
	error = rumpuser_iovread(fd, &iov, 1, 0, &n);
	RC_EXPECT("IOV-730", error == 0 && n == sizeof(all) &&
	    io_check(all, sizeof(all), 0, 9) == -1, "the NOSEEK writes made after a stale "
	    "errno do not hold bytes 0..%d in order (error %d, %zu bytes, wrong at %ld): a "
	    "transfer was repeated", STALE_TOTAL - 1, error, n, io_check(all, sizeof(all), 0, 9));
	RC_EXPECT("IOV-001", io_put(fd, 0, sizeof(all), 9) == 0, "rewriting the bytes read");
	rumpuser_close(fd);
	RC_BAIL();
	RC_ASSERT_EQ("FIL-001", rumpuser_open(m.path, RUMPUSER_OPEN_RDONLY, &fd), 0,
	    "reopening the medium");
	stale_errno_pass(fd, 0);
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

/*
 * Empty transfers over the whole range of offsets, on a file and on a
 * block device: before, at and past the end, each a no-op.
 */
static void
zero_len_everywhere(int blk)
{
	static const int64_t from_end[] = { -(int64_t)IO_MEDIUM_SIZE, -4096, -1, 0, 1, 1 << 20 };
	unsigned char b[1];
	struct rumpuser_iovec iov = { b, 0 };
	struct io_medium m;
	uint64_t size = 0;
	size_t n;
	int fd, error, write;
	unsigned i;

	if ((fd = open_medium(&m, blk, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	for (i = 0; i < sizeof(from_end) / sizeof(from_end[0]); i++) {
		int64_t off = (int64_t)IO_MEDIUM_SIZE + from_end[i];

		for (write = 0; write <= 1; write++) {
			n = 99;
			error = write ? rumpuser_iovwrite(fd, &iov, 1, off, &n) :
			    rumpuser_iovread(fd, &iov, 1, off, &n);
			RC_EXPECT("IOV-005", error == 0 && n == 0,
			    "zero-length %s at %lld (the %s ends at %u): error %d, %zu bytes "
			    "(want 0, 0)", write ? "write" : "read", (long long)off,
			    blk ? "block device" : "file", IO_MEDIUM_SIZE, error, n);
		}
	}
	error = rumpuser_getfileinfo(m.path, &size, NULL);
	RC_EXPECT("IOV-005", error == 0 && size == IO_MEDIUM_SIZE,
	    "after zero-length writes up to 1 MiB past its end the %s is %llu bytes (want %u, "
	    "error %d): an empty write changed it", blk ? "block device" : "file",
	    (unsigned long long)size, IO_MEDIUM_SIZE, error);
	close_medium(&m, fd);
}

RC_CASE(iov_zero_len, "IOV-005",
    "an empty transfer (read or write) gives 0 bytes without error at any offset, before, at "
    "and past the end of a file and of a block device, and leaves the size as it was")
{
	zero_len_everywhere(0);
	RC_BAIL();
	zero_len_everywhere(1);
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

#define IOV_PIECES_MAX	1024	/* IOV_MAX on Linux, NetBSD and emscripten */
#define IOV_NARROWS_TO_1 ((size_t)((uint64_t)1 << 32 | 1))	/* where size_t has 64 bits */

/*
 * Offsets below RUMPUSER_IOV_NOSEEK and more pieces than the host can
 * take name no transfer: refused, and the file left as it was.
 */
RC_CASE(iov_bad_arguments, "IOV-644",
    "iovread and iovwrite with an offset of -2 or INT64_MIN, or 1025 iovecs (and 2^32 + 1 where "
    "size_t has 64 bits), fail with EINVAL (22) and move no byte")
{
	static const int64_t bad_off[] = { -2, -4096, (int64_t)(-9223372036854775807LL - 1) };
	static struct rumpuser_iovec many[IOV_PIECES_MAX + 1];
	static unsigned char b[64], back[64];
	struct rumpuser_iovec iov = { b, sizeof(b) }, whole = { back, sizeof(back) };
	struct io_medium m;
	size_t i, n;
	int fd, error;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	rc_memset(b, 0xa5, sizeof(b));
	for (i = 0; i < sizeof(bad_off) / sizeof(bad_off[0]); i++) {
		n = 12345;
		error = rumpuser_iovwrite(fd, &iov, 1, bad_off[i], &n);
		RC_EXPECT("IOV-644", error == NB_EINVAL, "iovwrite at offset %lld = %d (%zu bytes), "
		    "want EINVAL (22): only -1 (NOSEEK) and offsets >= 0 name a place",
		    (long long)bad_off[i], error, error == 0 ? n : 0);
		error = rumpuser_iovread(fd, &whole, 1, bad_off[i], &n);
		RC_EXPECT("IOV-644", error == NB_EINVAL, "iovread at offset %lld = %d, want EINVAL "
		    "(22)", (long long)bad_off[i], error);
	}
	for (i = 0; i < IOV_PIECES_MAX + 1; i++) {
		many[i].iov_base = b;
		many[i].iov_len = 1;
	}
	error = rumpuser_iovwrite(fd, many, IOV_PIECES_MAX + 1, 0, &n);
	RC_EXPECT("IOV-644", error == NB_EINVAL, "iovwrite of %d iovecs = %d, want EINVAL (22)",
	    IOV_PIECES_MAX + 1, error);
	/* A count that is 1 once narrowed to the host's int: no iovec is read. */
	if (sizeof(size_t) > 4) {
		error = rumpuser_iovwrite(fd, many, IOV_NARROWS_TO_1, 0, &n);
		RC_EXPECT("IOV-644", error == NB_EINVAL, "iovwrite of 2^32 + 1 iovecs = %d "
		    "(%zu bytes), want EINVAL (22): the count was cut to an int (1) before it "
		    "was checked", error, error == 0 ? n : 0);
	}
	error = rumpuser_iovread(fd, &whole, 1, 0, &n);
	RC_EXPECT("IOV-644", error == 0 && n == sizeof(back) && back[0] == 0 &&
	    back[sizeof(back) - 1] == 0, "the refused writes changed the file: its first bytes "
	    "read %d, %zu bytes, 0x%02x (want 0, %zu, 0x00)", error, n, back[0], sizeof(back));
	close_medium(&m, fd);
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

/*
 * Concurrent positional I/O on one descriptor (IOV-101): each worker owns
 * a region at its own offset and, for a bounded time, rewrites it and
 * reads it back through positional calls of two iovecs, checking every
 * byte. A transfer done as lseek + readv/writev lands in another worker's
 * region whenever their calls interleave.
 */
#define PIO_WORKERS	4
#define PIO_LEN		512
#define PIO_HEAD	100		/* the first iovec; the rest is the second */
#define PIO_SPACING	65536		/* between the workers' regions */
#define PIO_OPS		100000		/* per worker, at most */
#define PIO_MS		3000		/* and for at most this long */

struct pio_worker {
	int		fd;
	uint64_t	off;
	unsigned	seed;
	uint64_t	end;		/* host monotonic ns */
	long		ops;
	long		wrong;		/* reads that came back with wrong data */
	long		first_wrong;	/* offset in the region, of the first */
	int		error;		/* a failed call: its error, else 0 */
	size_t		n;		/* and what it reported */
	int		iswrite;
};

/* One positional transfer of the worker's region; 0, or -1 (w says why). */
static int
pio_transfer(struct pio_worker *w, unsigned char *buf, int iswrite)
{
	struct rumpuser_iovec iov[2] = { { buf, PIO_HEAD },
	    { buf + PIO_HEAD, PIO_LEN - PIO_HEAD } };
	size_t n = 0;
	int error;

	error = iswrite ? rumpuser_iovwrite(w->fd, iov, 2, (int64_t)w->off, &n) :
	    rumpuser_iovread(w->fd, iov, 2, (int64_t)w->off, &n);
	if (error == 0 && n == PIO_LEN)
		return 0;
	w->error = error;
	w->n = n;
	w->iswrite = iswrite;
	return -1;
}

static void
pio_fn(void *arg)
{
	struct pio_worker *w = arg;
	unsigned char *buf = rch_alloc(PIO_LEN);
	long at;

	if (buf == NULL)
		rch_abort_case("out of memory");
	for (w->ops = 0; w->ops < PIO_OPS && rch_mono_ns() < w->end; w->ops++) {
		io_fill(buf, PIO_LEN, w->off, w->seed);
		/* Every fourth call rewrites the region, the others read it. */
		if (w->ops % 4 == 0) {
			if (pio_transfer(w, buf, 1) == -1)
				break;
			continue;
		}
		rc_memset(buf, 0, PIO_LEN);
		if (pio_transfer(w, buf, 0) == -1)
			break;
		if ((at = io_check(buf, PIO_LEN, w->off, w->seed)) != -1 && w->wrong++ == 0)
			w->first_wrong = at;
	}
	rch_free(buf);
}

RC_CASE(iov_concurrent_positional, "IOV-101",
    "four threads doing positional iovread/iovwrite at their own offsets on one descriptor (100000 calls each, 3 s at most) each get exactly their own bytes")
{
	static struct pio_worker w[PIO_WORKERS];
	struct rc_thread *t[PIO_WORKERS];
	struct io_medium m;
	long ops = 0, wrong = 0;
	uint64_t end;
	int fd, i;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	end = rch_mono_ns() + (uint64_t)PIO_MS * 1000000u;
	for (i = 0; i < PIO_WORKERS; i++) {
		w[i] = (struct pio_worker){ .fd = fd, .seed = 20u + (unsigned)i,
		    .off = (uint64_t)(i + 1) * PIO_SPACING + 7u * (unsigned)i, .end = end };
		RC_EXPECT("IOV-101", io_put(fd, w[i].off, PIO_LEN, w[i].seed) == 0,
		    "the first positional write of worker %d's region failed", i);
	}
	for (i = 0; i < PIO_WORKERS; i++)
		t[i] = rc_spawn(pio_fn, &w[i], "rc_pio");
	for (i = 0; i < PIO_WORKERS; i++)
		if (t[i] != NULL)
			rc_join(t[i]);
	close_medium(&m, fd);
	RC_BAIL();
	for (i = 0; i < PIO_WORKERS; i++) {
		RC_EXPECT("IOV-101", w[i].error == 0 && w[i].n == 0,
		    "worker %d's positional %s of %d bytes at %llu failed: error %d, %zu bytes",
		    i, w[i].iswrite ? "iovwrite" : "iovread", PIO_LEN,
		    (unsigned long long)w[i].off, w[i].error, w[i].n);
		RC_EXPECT("IOV-101", w[i].wrong == 0,
		    "worker %d: %ld of %ld positional calls on the shared descriptor read wrong "
		    "data (first at byte %ld of its region at %llu): concurrent positional "
		    "I/O is not atomic (lseek + readv?); use preadv/pwritev",
		    i, w[i].wrong, w[i].ops, w[i].first_wrong, (unsigned long long)w[i].off);
		ops += w[i].ops;
		wrong += w[i].wrong;
	}
	rc_note("%d threads: %ld positional calls on one descriptor, %ld reads with wrong data\n",
	    PIO_WORKERS, ops, wrong);
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

/*
 * BARRIER with bios still queued (SYN-101, SYN-102). Every host write to
 * the medium is slowed down beneath the target (rch_delay_io), so the
 * bios submitted before syncfd are still queued or in transfer when it is
 * called. Each bio has its own completion argument, as the kernel's are.
 */
#define QB_BIOS		16		/* more than an I/O pool is likely to run */
#define QB_FEW		4		/* fewer than that */
#define QB_LEN		4096
#define QB_DELAY_MS	50
#define QB_WAIT_MS	30000

struct qbio {
	int		done;
	int		order;		/* completion number, from 1 */
	size_t		bytes;
	int		error;
};

static int qb_completed;

static void
qb_done(void *arg, size_t bytes, int error)
{
	struct qbio *q = arg;

	q->bytes = bytes;
	q->error = error;
	q->order = rc_inc(&qb_completed);
	rc_store(&q->done, 1);
}

/* The medium, opened for bio, with every host write slowed down; -1: skip. */
static int
qb_open(struct io_medium *m, unsigned char **buf)
{
	const char *why;
	void *mem = NULL;
	int fd;

	if ((fd = open_medium(m, 0, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO)) == -1)
		return -1;
	if (rch_delay_io(m->path, RCH_IO_WRITE, QB_DELAY_MS, -1, &why) == -1) {
		close_medium(m, fd);
		rc_skip(why);
		return -1;
	}
	if (rumpuser_malloc((QB_BIOS + 1) * QB_LEN, QB_LEN, &mem) != 0)
		rch_abort_case("rumpuser_malloc failed");
	*buf = mem;
	rc_store(&qb_completed, 0);
	return fd;
}

static void
qb_write(int fd, unsigned char *buf, struct qbio *q, int i)
{
	io_fill(buf + i * QB_LEN, QB_LEN, (uint64_t)i * QB_LEN, 30);
	rumpuser_bio(fd, RUMPUSER_BIO_WRITE, buf + i * QB_LEN, QB_LEN,
	    (int64_t)i * QB_LEN, qb_done, &q[i]);
}

/* Wait (on the hypervisor's clock) until n bios completed; the count. */
static int
qb_wait(int n)
{
	uint64_t end = rch_mono_ns() + (uint64_t)QB_WAIT_MS * 1000000u;

	while (rc_load(&qb_completed) < n && rch_mono_ns() < end)
		rc_sleep_ms(1);
	return rc_load(&qb_completed);
}

/*
 * Disarm and close; the buffers are kept when bios are still out (the
 * target may yet write to them). Whether the delay ever slowed a write.
 */
static int
qb_close(struct io_medium *m, int fd, unsigned char *buf, int all_done)
{
	int slowed = rch_io_faults_fired() > 0;

	disarm();
	if (all_done)
		rumpuser_free(buf, (QB_BIOS + 1) * QB_LEN);
	close_medium(m, fd);
	return slowed;
}

#define QB_NOT_SLOWED	"no host write was slowed down: the target's bio bypasses libc"

RC_CASE(syncfd_sync_barrier_waits, "SYN-101",
    "syncfd(WRITE|BARRIER|SYNC) returns only after all 16 earlier write bios (slowed down, still queued) completed")
{
	static struct qbio q[QB_BIOS];
	struct io_medium m;
	unsigned char *buf;
	int fd, i, error, done;

	if ((fd = qb_open(&m, &buf)) == -1)
		return;
	rc_memset(q, 0, sizeof(q));
	for (i = 0; i < QB_BIOS; i++)
		qb_write(fd, buf, q, i);
	error = rumpuser_syncfd(fd, RUMPUSER_SYNCFD_WRITE | RUMPUSER_SYNCFD_BARRIER |
	    RUMPUSER_SYNCFD_SYNC, 0, 0);
	done = rc_load(&qb_completed);
	i = qb_wait(QB_BIOS);
	if (!qb_close(&m, fd, buf, i == QB_BIOS))
		RC_SKIP(QB_NOT_SLOWED);
	RC_ASSERT("SYN-101", i == QB_BIOS, "only %d of %d write bios completed within %d ms",
	    i, QB_BIOS, QB_WAIT_MS);
	RC_ASSERT_EQ("SYN-101", error, 0, "syncfd(WRITE|BARRIER|SYNC)");
	RC_ASSERT("SYN-101", done == QB_BIOS,
	    "syncfd(WRITE|BARRIER|SYNC) returned with %d of %d earlier write bios completed: "
	    "the sync ignores the bios still queued in the hypervisor; wait for them", done,
	    QB_BIOS);
}

RC_CASE(syncfd_barrier_orders_later_bios, "SYN-102 SYN-002",
    "a read bio submitted after syncfd(WRITE|BARRIER) completes after the 4 earlier (slow) write bios and reads their data")
{
	static struct qbio q[QB_FEW + 1];
	struct qbio *rd = &q[QB_FEW];
	struct io_medium m;
	unsigned char *buf, *back;
	int fd, i, error, seen, late = 0;

	if ((fd = qb_open(&m, &buf)) == -1)
		return;
	rc_memset(q, 0, sizeof(q));
	back = buf + QB_BIOS * QB_LEN;
	rc_memset(back, 0, QB_LEN);
	for (i = 0; i < QB_FEW; i++)
		qb_write(fd, buf, q, i);
	error = rumpuser_syncfd(fd, RUMPUSER_SYNCFD_WRITE | RUMPUSER_SYNCFD_BARRIER, 0, 0);
	rumpuser_bio(fd, RUMPUSER_BIO_READ, back, QB_LEN, (int64_t)(QB_FEW - 1) * QB_LEN,
	    qb_done, rd);
	i = qb_wait(QB_FEW + 1);
	seen = io_check(back, QB_LEN, (uint64_t)(QB_FEW - 1) * QB_LEN, 30) == -1;
	if (!qb_close(&m, fd, buf, i == QB_FEW + 1))
		RC_SKIP(QB_NOT_SLOWED);
	for (late = 0; late < QB_FEW && q[late].order < rd->order; late++)
		continue;
	RC_EXPECT("SYN-102", i == QB_FEW + 1, "only %d of %d bios completed within %d ms",
	    i, QB_FEW + 1, QB_WAIT_MS);
	RC_EXPECT("SYN-002", error == 0, "syncfd(WRITE|BARRIER) = %d", error);
	RC_EXPECT("SYN-102", late == QB_FEW,
	    "the read bio submitted after syncfd(WRITE|BARRIER) completed before write %d "
	    "submitted before it: the barrier does not order later bios after earlier ones",
	    late);
	RC_EXPECT("SYN-102", rd->error == 0 && rd->bytes == QB_LEN && seen,
	    "the read after the barrier (error %d, %zu bytes) did not see the data an "
	    "earlier write bio wrote: it overtook the write", rd->error, rd->bytes);
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
	RC_REF(iov_positional), RC_REF(iov_stale_errno),
	RC_REF(iov_eof), RC_REF(iov_zero_len), RC_REF(iov_badfd), RC_REF(iov_bad_arguments),
	RC_REF(iov_host_faults),
	RC_REF(iov_concurrent_positional),
	RC_REF(syncfd_flags_file), RC_REF(syncfd_flags_blk), RC_REF(syncfd_badfd),
	RC_REF(syncfd_barrier), RC_REF(syncfd_flush_error),
	RC_REF(syncfd_sync_barrier_waits), RC_REF(syncfd_barrier_orders_later_bios), NULL
};
const struct rc_area rc_area_iov = { "iov", cases };
