/*
 * bio.c -- rumpuser_bio: asynchronous block I/O on a regular file and on a
 * loop block device. Completion rules, data integrity under many requests
 * in flight, and host failures injected beneath the target.
 */
#include "../file/iohelp.h"

#define SLOTS		256		/* integrity: one request per slot */
#define SLOT_SIZE	(IO_MEDIUM_SIZE / SLOTS)
#define FLOOD		2048
#define WAIT_MS		60000
#define MARKER		0xee
#define HOLD_MS		5000		/* longest a held completion waits */

struct req;

/* One batch of requests and what their completions showed. */
struct batch {
	struct req	*reqs;
	int		n;
	int		submitted;
	int		completed;
	int		maxout;		/* most submitted-not-completed seen */
	int		verify;		/* reads: check data in the callback */
	int		held;		/* completions wait while this is set */
};

struct req {
	struct batch	*b;
	unsigned char	*mem;		/* allocation */
	unsigned char	*buf;		/* what the target gets */
	uint64_t	off;
	size_t		len;
	int		op;
	int		ndone;
	size_t		bytes;
	int		error;
	int		had_cpu;
	int		had_lwp;
	int		paged;		/* mem is an rch_paged_out_copy */
	int		sent;		/* given to rumpuser_bio */
};

/* Checks that hold for every completion, made while the target waits. */
static void
biodone_cb(void *arg, size_t bytes, int error)
{
	struct req *r = arg;
	uint64_t end = rch_mono_ns() + (uint64_t)HOLD_MS * 1000000u;

	while (rc_load(&r->b->held) && rch_mono_ns() < end)
		rc_sleep_ms(1);
	r->had_cpu = mk_has_cpu();
	r->had_lwp = mk_curlwp() != NULL;
	r->bytes = bytes;
	r->error = error;
	if (r->b->verify && (r->op & RUMPUSER_BIO_READ)) {
		RC_EXPECT("BIO-003", error == 0 && bytes == r->len &&
		    io_check(r->buf, r->len, r->off, 1) == -1,
		    "read of %zu at %llu: error %d, %zu bytes, data %s", r->len,
		    (unsigned long long)r->off, error, bytes,
		    io_check(r->buf, r->len, r->off, 1) == -1 ? "right" : "wrong");
		rc_memset(r->buf, MARKER, r->len);	/* the kernel reuses it now */
	}
	rc_inc(&r->ndone);
	rc_inc(&r->b->completed);
}

static void
req_alloc(struct req *r, size_t len, int misalign)
{
	void *mem = NULL;

	if (rumpuser_malloc(len + 512, 512, &mem) != 0)
		rch_abort_case("rumpuser_malloc failed");
	rc_memset(mem, 0, len + 512);
	r->mem = mem;
	r->buf = r->mem + (misalign ? 64 : 0);
	r->len = len;
}

static void
batch_free(struct batch *b)
{
	int i;

	for (i = 0; i < b->n; i++) {
		if (b->reqs[i].paged)
			rch_paged_out_free(b->reqs[i].mem);
		else if (b->reqs[i].mem != NULL)
			rumpuser_free(b->reqs[i].mem, b->reqs[i].len + 512);
	}
	rch_free(b->reqs);
}

static void
batch_init(struct batch *b, int n)
{
	rc_memset(b, 0, sizeof(*b));
	if ((b->reqs = rch_alloc((size_t)n * sizeof(*b->reqs))) == NULL)
		rch_abort_case("out of memory");
	b->n = n;
}

static void
submit(int fd, struct req *r)
{
	struct batch *b = r->b;
	int out = rc_inc(&b->submitted) - rc_load(&b->completed);

	if (out > b->maxout)
		b->maxout = out;
	r->sent = 1;
	rumpuser_bio(fd, r->op, r->buf, r->len, (int64_t)r->off, biodone_cb, r);
}

/* Wait for every submitted bio, then check each came exactly once, in context. */
static void
batch_wait(struct batch *b)
{
	uint64_t end = rch_mono_ns() + (uint64_t)WAIT_MS * 1000000u;
	int i;

	while (rc_load(&b->completed) < rc_load(&b->submitted) && rch_mono_ns() < end)
		rc_sleep_ms(1);
	RC_ASSERT("BIO-001", rc_load(&b->completed) >= rc_load(&b->submitted),
	    "only %d of %d bios completed within %d ms", rc_load(&b->completed),
	    rc_load(&b->submitted), WAIT_MS);
	rc_sleep_ms(20);	/* a late duplicate would show now */
	for (i = 0; i < b->n; i++) {
		struct req *r = &b->reqs[i];

		RC_ASSERT_EQ("BIO-001", rc_load(&r->ndone), r->sent, "biodone calls for one request");
		RC_ASSERT("BIO-002", !r->sent || (r->had_cpu && r->had_lwp),
		    "biodone ran without %s", r->had_lwp ? "a virtual CPU" : "a bound lwp");
	}
}

/* The medium opened for bio: the fd, or -1 (skipped, or failed FIL-006). */
static int
open_medium(struct io_medium *m, int blk, int mode)
{
	return io_medium_open(m, blk, mode | RUMPUSER_OPEN_BIO, "FIL-006");
}

/* Random 512-aligned extents, one per slot, submitted in random order. */
static void
plan_extents(struct batch *b, int op, uint64_t *seed)
{
	int i, j;
	struct req tmp;

	for (i = 0; i < b->n; i++) {
		struct req *r = &b->reqs[i];
		uint64_t start = (rc_rand(seed) % (SLOT_SIZE / 1024)) * 512;
		size_t maxlen = SLOT_SIZE - start;
		size_t len = (size_t)(1 + rc_rand(seed) % (maxlen / 512 < 128 ? maxlen / 512 : 128)) * 512;

		r->b = b;
		r->op = op;
		r->off = (uint64_t)i * SLOT_SIZE + start;
		req_alloc(r, len, i % 4 == 3);
	}
	for (i = b->n - 1; i > 0; i--) {
		j = (int)(rc_rand(seed) % (uint64_t)(i + 1));
		tmp = b->reqs[i];
		b->reqs[i] = b->reqs[j];
		b->reqs[j] = tmp;
	}
}

static void
integrity(int blk)
{
	struct io_medium m;
	struct batch w, rd;
	uint64_t seed = 0x5eed0001u + (unsigned)blk;
	int fd, i, inflight;

	if ((fd = open_medium(&m, blk, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	rch_io_max_inflight(1);
	batch_init(&w, SLOTS);
	plan_extents(&w, RUMPUSER_BIO_WRITE, &seed);
	for (i = 0; i < w.n; i++) {
		io_fill(w.reqs[i].buf, w.reqs[i].len, w.reqs[i].off, 1);
		if (i % 8 == 0)
			w.reqs[i].op |= RUMPUSER_BIO_SYNC;
		submit(fd, &w.reqs[i]);
	}
	batch_wait(&w);
	for (i = 0; i < w.n && !rc_failed(); i++)
		RC_EXPECT("BIO-004", w.reqs[i].error == 0 && w.reqs[i].bytes == w.reqs[i].len,
		    "write of %zu at %llu: error %d, %zu bytes", w.reqs[i].len,
		    (unsigned long long)w.reqs[i].off, w.reqs[i].error, w.reqs[i].bytes);
	/* Read the same extents back in another order, checking in biodone. */
	batch_init(&rd, SLOTS);
	rd.verify = 1;
	for (i = 0; i < rd.n; i++) {
		rd.reqs[i].b = &rd;
		rd.reqs[i].op = RUMPUSER_BIO_READ;
		rd.reqs[i].off = w.reqs[w.n - 1 - i].off;
		req_alloc(&rd.reqs[i], w.reqs[w.n - 1 - i].len, i % 3 == 1);
	}
	for (i = 0; i < rd.n && !rc_failed(); i++)
		submit(fd, &rd.reqs[i]);
	if (!rc_failed())
		batch_wait(&rd);
	for (i = 0; i < rd.n && !rc_failed(); i++) {
		struct req *r = &rd.reqs[i];
		size_t k;

		for (k = 0; k < r->len && r->buf[k] == MARKER; k++)
			continue;
		RC_EXPECT("BIO-012", k == r->len, "the buffer of a read changed after "
		    "its biodone (byte %zu of %zu)", k, r->len);
	}
	inflight = rch_io_max_inflight(0);
	rc_note("%s: most bios submitted and not completed: %d writes, %d reads; "
	    "most host transfers running at once: %d\n", blk ? "block device" : "file",
	    w.maxout, rd.maxout, inflight);
	batch_free(&w);
	batch_free(&rd);
	RC_EXPECT("FIL-300", rumpuser_close(fd) == 0, "close failed");
	io_medium_teardown(&m);
}

RC_CASE_F(bio_integrity_file, "BIO-001 BIO-002 BIO-003 BIO-004 BIO-012",
    "256 concurrent writes then reads at random 512-aligned offsets of a file: "
    "byte-exact, each completed once with a CPU and an lwp", RC_F_SLOW)
{
	integrity(0);
}

RC_CASE_F(bio_integrity_blk, "BIO-001 BIO-002 BIO-003 BIO-004 BIO-012",
    "256 concurrent writes then reads at random 512-aligned offsets of a loop device: "
    "byte-exact, each completed once with a CPU and an lwp", RC_F_SLOW)
{
	integrity(1);
}

/* One request, waited for; its (bytes, error) in r. */
static void
one(int fd, int op, struct req *r, struct batch *b, uint64_t off, size_t len)
{
	batch_init(b, 1);
	rc_memset(r, 0, sizeof(*r));
	r->b = b;
	r->op = op;
	r->off = off;
	req_alloc(r, len, 0);
	if (op & RUMPUSER_BIO_WRITE)
		io_fill(r->buf, len, off, 2);
	b->reqs[0] = *r;
	submit(fd, &b->reqs[0]);
	batch_wait(b);
	*r = b->reqs[0];
	b->reqs[0].mem = NULL;
	batch_free(b);
}

static void
req_free(struct req *r)
{
	rumpuser_free(r->mem, r->len + 512);
}

RC_CASE(bio_eof, "BIO-005",
    "reads across and beyond the end of a file complete with the bytes there, error 0")
{
	struct io_medium m;
	struct batch b;
	struct req r;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	one(fd, RUMPUSER_BIO_READ, &r, &b, IO_MEDIUM_SIZE - 1536, 8192);
	RC_EXPECT("BIO-005", r.error == 0 && r.bytes == 1536,
	    "read straddling EOF: error %d, %zu bytes (want 0, 1536)", r.error, r.bytes);
	req_free(&r);
	one(fd, RUMPUSER_BIO_READ, &r, &b, IO_MEDIUM_SIZE + 4096, 4096);
	RC_EXPECT("BIO-005", r.error == 0 && r.bytes == 0,
	    "read beyond EOF: error %d, %zu bytes (want 0, 0)", r.error, r.bytes);
	req_free(&r);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

/*
 * rumpuser(3) gives bio only descriptors opened with BIO, so a descriptor
 * that is not open says what the hypervisor does beyond the contract.
 */
RC_CASE(bio_badfd, "BIO-301 BIO-001",
    "a bio on a descriptor that is not open completes once, as NetBSD EBADF (9) with 0 bytes")
{
	struct batch b;
	struct req r;

	one(-1, RUMPUSER_BIO_READ, &r, &b, 0, 512);
	RC_EXPECT("BIO-301", r.error == NB_EBADF && r.bytes == 0,
	    "bio on fd -1: error %d, %zu bytes (want 9, 0)", r.error, r.bytes);
	req_free(&r);
}

RC_CASE(bio_errors, "BIO-006 BIO-001",
    "a write to a read-only fd completes once, as NetBSD EBADF (9) with 0 bytes")
{
	struct io_medium m;
	struct batch b;
	struct req r;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDONLY)) == -1)
		return;
	one(fd, RUMPUSER_BIO_WRITE, &r, &b, 0, 4096);
	RC_EXPECT("BIO-006", r.error == NB_EBADF && r.bytes == 0,
	    "write on a RDONLY fd: error %d, %zu bytes (want 9, 0)", r.error, r.bytes);
	req_free(&r);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define OWN_BIOS	8

/*
 * One bio at a time, each waited for: the completion must name the
 * request just issued, not an earlier one (a stale or reused slot).
 */
RC_CASE(bio_donearg_own, "BIO-300 BIO-001",
    "each biodone gets the donearg of its own request")
{
	struct io_medium m;
	struct batch b;
	uint64_t end;
	int fd, i;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	batch_init(&b, OWN_BIOS);
	for (i = 0; i < OWN_BIOS && !rc_failed(); i++) {
		b.reqs[i].b = &b;
		b.reqs[i].op = i % 2 ? RUMPUSER_BIO_READ : RUMPUSER_BIO_WRITE;
		b.reqs[i].off = (uint64_t)i * 4096;
		req_alloc(&b.reqs[i], 4096, 0);
		submit(fd, &b.reqs[i]);
		end = rch_mono_ns() + (uint64_t)WAIT_MS * 1000000u;
		while (rc_load(&b.completed) <= i && rch_mono_ns() < end)
			rc_sleep_ms(1);
		RC_ASSERT("BIO-300", rc_load(&b.reqs[i].ndone) == 1,
		    "bio %d of %d, issued alone, completed %d times under its own donearg "
		    "(%d completions in all): biodone got another request's argument",
		    i + 1, OWN_BIOS, rc_load(&b.reqs[i].ndone), rc_load(&b.completed));
	}
	batch_wait(&b);
	batch_free(&b);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE_F(bio_flood, "BIO-001 BIO-002",
    "2048 bios submitted without waiting (more than any queue) all complete, each once",
    RC_F_SLOW)
{
	struct io_medium m;
	struct batch b;
	int fd, i;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	batch_init(&b, FLOOD);
	for (i = 0; i < FLOOD; i++) {
		b.reqs[i].b = &b;
		b.reqs[i].op = i % 2 ? RUMPUSER_BIO_READ : RUMPUSER_BIO_WRITE;
		b.reqs[i].off = (uint64_t)i * 4096;
		req_alloc(&b.reqs[i], 4096, 0);
		submit(fd, &b.reqs[i]);
	}
	batch_wait(&b);
	rc_note("flood: at most %d bios outstanding\n", b.maxout);
	batch_free(&b);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define FD_WARMUP	16	/* bios that may open what the path keeps (a ring) */
#define FD_ROUND	64	/* bios per round once warm */
#define FD_ROUNDS	3

/* One round of n bios at off: reads, writes and SYNC writes in turn, waited for. */
static void
fd_round(int fd, int n, uint64_t off)
{
	static const int ops[] = { RUMPUSER_BIO_READ, RUMPUSER_BIO_WRITE,
	    RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC };
	struct batch b;
	int i;

	batch_init(&b, n);
	for (i = 0; i < n; i++) {
		b.reqs[i].b = &b;
		b.reqs[i].op = ops[i % 3];
		b.reqs[i].off = off + (uint64_t)i * 4096;
		req_alloc(&b.reqs[i], 4096, 0);
		submit(fd, &b.reqs[i]);
	}
	batch_wait(&b);
	batch_free(&b);
}

/*
 * Whatever a hypervisor sets up for its block I/O (an I/O ring, a wakeup
 * pipe, helper threads) it sets up once: a kernel issues millions of bios
 * in a life, and a descriptor taken per bio runs the host out of them.
 */
RC_CASE(bio_keeps_descriptors, "BIO-970 BIO-001",
    "once 16 bios completed, 3 rounds of 64 more (reads, writes, SYNC writes) leave the "
    "process's host descriptor count as it was")
{
	struct io_medium m;
	int fd, r, before, after;

	if (rch_count_fds() == -1)
		RC_SKIP("this host cannot count its descriptors: leaks cannot be checked");
	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	fd_round(fd, FD_WARMUP, 0);
	before = rch_count_fds();
	for (r = 0; r < FD_ROUNDS && !rc_failed(); r++) {
		fd_round(fd, FD_ROUND, (uint64_t)r * FD_ROUND * 4096);
		after = rch_count_fds();
		RC_EXPECT("BIO-970", after == before, "after %d more completed bios (reads, "
		    "writes, SYNC writes) the process has %d host descriptors, %d before them: "
		    "the block I/O path takes descriptors it does not give back",
		    (r + 1) * FD_ROUND, after, before);
	}
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define SUBMITTERS	4
#define PER_SUBMITTER	1024

#define SUBMIT_MS	30000	/* 4096 small writes take well under a second */

struct submitter {
	struct batch	*b;
	int		fd, first;
	int		finished;
};

/* A batch of n 512-byte writes, one every KiB, each with data of its own. */
static void
small_writes(struct batch *b, int n)
{
	int i;

	batch_init(b, n);
	for (i = 0; i < n; i++) {
		b->reqs[i].b = b;
		b->reqs[i].op = RUMPUSER_BIO_WRITE;
		b->reqs[i].off = (uint64_t)i * 1024;
		req_alloc(&b->reqs[i], 512, 0);
		io_fill(b->reqs[i].buf, 512, b->reqs[i].off, 3);
	}
}

/* Submit this thread's share of the batch as fast as it can. */
static void
submitter_fn(void *arg)
{
	struct submitter *s = arg;
	int i;

	for (i = s->first; i < s->first + PER_SUBMITTER; i++)
		submit(s->fd, &s->b->reqs[i]);
	rc_store(&s->finished, 1);
}

/* How many of n submitters are still inside rumpuser_bio after SUBMIT_MS. */
static int
submitters_stuck(struct submitter *sub, int n)
{
	uint64_t end = rch_mono_ns() + (uint64_t)SUBMIT_MS * 1000000u;
	int i, stuck;

	do {
		for (i = stuck = 0; i < n; i++)
			stuck += !rc_load(&sub[i].finished);
		if (stuck > 0)
			rc_sleep_ms(5);
	} while (stuck > 0 && rch_mono_ns() < end);
	return stuck;
}

/*
 * The kernel submits from every CPU at once: the queue is fought over by
 * submitters and completions together, and no request may be lost,
 * doubled or given another's data.
 */
RC_CASE_F(bio_many_submitters, "BIO-643 BIO-001 BIO-003",
    "4 threads, each on its own CPU, submit 1024 writes each at once: every bio completes "
    "exactly once and the file holds each one's data", RC_F_SLOW)
{
	struct submitter sub[SUBMITTERS];
	struct rc_thread *t[SUBMITTERS];
	unsigned char back[512];
	struct io_medium m;
	struct batch b;
	int fd, i, stuck, n = SUBMITTERS * PER_SUBMITTER;
	long bad;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	small_writes(&b, n);
	for (i = 0; i < SUBMITTERS; i++) {
		sub[i] = (struct submitter){ &b, fd, i * PER_SUBMITTER, 0 };
		if ((t[i] = rc_spawn(submitter_fn, &sub[i], "rc_biosubmit")) == NULL)
			rc_store(&sub[i].finished, 1);
	}
	RC_BAIL();
	stuck = submitters_stuck(sub, SUBMITTERS);
	RC_ASSERT("BIO-643", stuck == 0, "%d of %d submitters still inside rumpuser_bio %d s "
	    "after they started (%d of %d bios completed): a submitter waiting for queue space "
	    "was never woken", stuck, SUBMITTERS, SUBMIT_MS / 1000, rc_load(&b.completed), n);
	for (i = 0; i < SUBMITTERS; i++)
		if (t[i] != NULL)
			rc_join(t[i]);
	batch_wait(&b);
	for (i = 0; i < n && !rc_failed(); i += 61) {
		struct rumpuser_iovec iov = { back, sizeof(back) };
		size_t got = 0;

		rc_memset(back, 0, sizeof(back));
		RC_EXPECT("IOV-001", rumpuser_iovread(fd, &iov, 1, (int64_t)b.reqs[i].off,
		    &got) == 0 && got == sizeof(back), "iovread failed");
		bad = io_check(back, sizeof(back), b.reqs[i].off, 3);
		RC_EXPECT("BIO-003", bad == -1, "write %d of %d (512 bytes at %llu) is not in the "
		    "file (byte %ld differs)", i, n, (unsigned long long)b.reqs[i].off, bad);
	}
	batch_free(&b);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define LATECOMERS	8
#define FILL_MAX	4096
#define SETTLE_MS	100
#define WAKE_ROUNDS	3

struct filler {
	struct batch	*b;
	int		fd, stop, done, finished;
};

/* Submit until told to stop: leaves the target's queue full, if it has one. */
static void
filler_fn(void *arg)
{
	struct filler *f = arg;

	while (f->done < FILL_MAX - LATECOMERS && !rc_load(&f->stop))
		submit(f->fd, &f->b->reqs[f->done++]);
	rc_store(&f->finished, 1);
}

/* Submit one bio, the latecomer's own. */
static void
latecomer_fn(void *arg)
{
	struct submitter *s = arg;

	submit(s->fd, &s->b->reqs[s->first]);
	rc_store(&s->finished, 1);
}

/* Wait until no bio has been submitted for SETTLE_MS: every submitter waits. */
static void
submissions_settle(struct batch *b)
{
	uint64_t end = rch_mono_ns() + (uint64_t)SUBMIT_MS * 1000000u;
	int seen;

	do {
		seen = rc_load(&b->submitted);
		rc_sleep_ms(SETTLE_MS);
	} while (seen != rc_load(&b->submitted) && rch_mono_ns() < end);
}

/*
 * One round: completions are held until the queue is full and a filler
 * plus LATECOMERS threads all wait to submit; then everything is let go at
 * once, so the queue drains with many waiters, and each must get in.
 */
static void
waiters_round(int fd, int round)
{
	struct submitter late[LATECOMERS];
	struct rc_thread *ft, *lt[LATECOMERS];
	struct filler f;
	struct batch b;
	int i, stuck;

	small_writes(&b, FILL_MAX);
	rc_store(&b.held, 1);
	f = (struct filler){ &b, fd, 0, 0, 0 };
	if ((ft = rc_spawn(filler_fn, &f, "rc_biofill")) == NULL)
		goto out;
	submissions_settle(&b);
	rc_store(&f.stop, 1);
	for (i = 0; i < LATECOMERS; i++) {
		late[i] = (struct submitter){ &b, fd, FILL_MAX - LATECOMERS + i, 0 };
		if ((lt[i] = rc_spawn(latecomer_fn, &late[i], "rc_biolate")) == NULL)
			rc_store(&late[i].finished, 1);
	}
	submissions_settle(&b);
	rc_store(&b.held, 0);
	stuck = submitters_stuck(late, LATECOMERS) + !rc_wait_flag(&f.finished, SUBMIT_MS);
	RC_ASSERT("BIO-643", stuck == 0, "round %d: %d of %d submitters still inside "
	    "rumpuser_bio %d s after held completions were let go (the queue was full, "
	    "%d bios submitted, %d completed): a submitter waiting for queue space was "
	    "never woken", round, stuck, LATECOMERS + 1, SUBMIT_MS / 1000,
	    rc_load(&b.submitted), rc_load(&b.completed));
	for (i = 0; i < LATECOMERS; i++)
		if (lt[i] != NULL)
			rc_join(lt[i]);
	rc_join(ft);
	batch_wait(&b);
out:
	batch_free(&b);
}

RC_CASE_F(bio_waiters_all_woken, "BIO-643 BIO-001",
    "completions held until the queue is full and 9 threads wait to submit, then let go: "
    "every waiting submitter gets in and every bio completes once", RC_F_SLOW)
{
	struct io_medium m;
	int fd, round;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	for (round = 1; round <= WAKE_ROUNDS && !rc_failed(); round++)
		waiters_round(fd, round);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE(bio_submit_unschedules, "BIO-011",
    "the submitter gives its virtual CPU away while it queues a bio")
{
	struct io_medium m;
	struct batch b;
	struct req r;
	unsigned long before, after;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	/* Count only the submission: waiting for the completion unschedules too. */
	batch_init(&b, 1);
	rc_memset(&r, 0, sizeof(r));
	r.b = &b;
	r.op = RUMPUSER_BIO_READ;
	req_alloc(&r, 4096, 0);
	b.reqs[0] = r;
	before = mk_unsched_count();
	submit(fd, &b.reqs[0]);
	after = mk_unsched_count();
	batch_wait(&b);
	batch_free(&b);
	RC_EXPECT("BIO-011", after > before,
	    "rumpuser_bio kept the CPU while submitting");
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

/* Arm a host fault on the medium's path, or skip. */
static int
arm(const struct io_medium *m, int ops, int nb_errno, size_t shortb, int count)
{
	const char *why;

	if (rch_inject_io_fault(m->path, ops, nb_errno, shortb, count, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

static void
disarm(void)
{
	const char *why;

	rch_inject_io_fault(NULL, 0, 0, 0, 0, &why);
}

/* The fault fired, or the target's I/O does not pass through libc. */
static int
fired(void)
{
	if (rch_io_faults_fired() == 0) {
		rc_skip("no injected fault fired: the target's host I/O does not go "
		    "through libc's read/write calls");
		return 0;
	}
	return 1;
}

/*
 * count < 0: every host call fails; 1: only the first, so an error must
 * not be hidden by doing the transfer again another way (through the
 * buffered descriptor after a direct one failed) and reporting that.
 */
static void
host_error(int blk, int nb_errno, int count)
{
	struct io_medium m;
	struct batch b;
	struct req r;
	int fd, op;

	if ((fd = open_medium(&m, blk, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	for (op = RUMPUSER_BIO_READ; op <= RUMPUSER_BIO_WRITE && !rc_failed(); op++) {
		if (arm(&m, op == RUMPUSER_BIO_READ ? RCH_IO_READ : RCH_IO_WRITE,
		    nb_errno, 0, count) == -1)
			break;
		one(fd, op, &r, &b, 65536, 8192);
		disarm();
		req_free(&r);
		if (!fired())
			break;
		RC_EXPECT("BIO-008", r.error == nb_errno && r.bytes == 0,
		    "host %s failing with errno %d (%s): biodone got error %d, %zu bytes "
		    "(want %d, 0)", op == RUMPUSER_BIO_READ ? "read" : "write", nb_errno,
		    count < 0 ? "every call" : "the first call only", r.error, r.bytes,
		    nb_errno);
	}
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE(bio_host_eio_file, "BIO-008",
    "a host EIO under a bio on a file reaches biodone as error 5 with 0 bytes")
{
	host_error(0, NB_EIO, -1);
}

RC_CASE(bio_host_eio_blk, "BIO-008",
    "a host EIO under a bio on a loop device reaches biodone as error 5 with 0 bytes")
{
	host_error(1, NB_EIO, -1);
}

RC_CASE(bio_host_enospc, "BIO-008",
    "a host ENOSPC under a bio reaches biodone as error 28 with 0 bytes")
{
	host_error(0, NB_ENOSPC, -1);
}

RC_CASE(bio_host_error_once, "BIO-008",
    "a single host EIO (file, loop device) or ENOSPC under an aligned bio reaches biodone: "
    "not hidden by redoing the transfer another way")
{
	host_error(0, NB_EIO, 1);
	if (!rc_failed())
		host_error(1, NB_EIO, 1);
	if (!rc_failed())
		host_error(0, NB_ENOSPC, 1);
}

/* Replace a write request's buffer with what the file holds there now. */
static void
read_back(int fd, struct req *r)
{
	struct rumpuser_iovec iov = { r->buf, r->len };
	size_t n;

	rc_memset(r->buf, 0, r->len);
	RC_EXPECT("IOV-001", rumpuser_iovread(fd, &iov, 1, (int64_t)r->off, &n) == 0,
	    "iovread failed");
}

/* Bytes [0, r.bytes) hold what the test wrote or the file holds. */
static void
short_transfer(int op)
{
	struct io_medium m;
	struct batch b;
	struct req r;
	long bad;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (op == RUMPUSER_BIO_READ)
		RC_ASSERT("IOV-001", io_put(fd, 65536, 8192, 2) == 0, "iovwrite failed");
	if (arm(&m, op == RUMPUSER_BIO_READ ? RCH_IO_READ : RCH_IO_WRITE, 0, 512, 1) == -1)
		return;
	one(fd, op, &r, &b, 65536, 8192);
	disarm();
	if (fired()) {
		RC_EXPECT("BIO-009", r.error == 0 && r.bytes > 0 && r.bytes <= r.len,
		    "short host transfer: error %d, %zu bytes of %zu", r.error, r.bytes, r.len);
		if (op == RUMPUSER_BIO_WRITE)
			read_back(fd, &r);
		bad = io_check(r.buf, r.bytes, 65536, 2);
		RC_EXPECT("BIO-009", bad == -1, "biodone reported %zu bytes %s, but byte %ld "
		    "is wrong: more was reported than transferred", r.bytes,
		    op == RUMPUSER_BIO_READ ? "read" : "written", bad);
	}
	req_free(&r);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE(bio_short_read, "BIO-009",
    "a short host read is reported as the bytes read (or completed), never as more")
{
	short_transfer(RUMPUSER_BIO_READ);
}

RC_CASE(bio_short_write, "BIO-009",
    "a short host write is reported as the bytes written (or completed), never as more")
{
	short_transfer(RUMPUSER_BIO_WRITE);
}

#define NB_EFBIG	27
#define FSIZE_LIMIT	((1u << 20) + 1536)	/* 512-aligned, not 4096-aligned */

/*
 * A real short write and a real host error with no fault injector in
 * libc, so they reach every path to the host (an io_uring too): the
 * host's file size limit cuts a write crossing it, and refuses one
 * beyond it with EFBIG.
 */
RC_CASE(bio_file_size_limit, "BIO-009 BIO-008",
    "under a host file size limit, a bio write crossing it is reported short (the bytes "
    "written, or EFBIG with 0), one beyond it fails with EFBIG (27) and 0 bytes")
{
	struct io_medium m;
	struct batch b;
	struct req cross, beyond;
	const char *why;
	long bad = -1;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (rch_limit_file_size(FSIZE_LIMIT, &why) == -1) {
		rumpuser_close(fd);
		RC_SKIP(why);
	}
	one(fd, RUMPUSER_BIO_WRITE, &cross, &b, 1u << 20, 8192);
	one(fd, RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC, &beyond, &b, 2u << 20, 4096);
	rch_limit_file_size(0, &why);
	if (cross.error == 0 && cross.bytes > 0 && cross.bytes <= cross.len) {
		read_back(fd, &cross);
		bad = io_check(cross.buf, cross.bytes, 1u << 20, 2);
	}
	RC_EXPECT("BIO-009", (cross.error == 0 && cross.bytes > 0 && cross.bytes <=
	    FSIZE_LIMIT - (1u << 20) && bad == -1) || (cross.error == NB_EFBIG && cross.bytes == 0),
	    "write of 8192 at 1 MiB, %u bytes below the host's file size limit: error %d, %zu "
	    "bytes%s (want 0 and at most %u bytes, all of them in the file; or EFBIG and 0)",
	    FSIZE_LIMIT - (1u << 20), cross.error, cross.bytes, bad == -1 ? "" : ", not all in "
	    "the file", FSIZE_LIMIT - (1u << 20));
	RC_EXPECT("BIO-008", beyond.error == NB_EFBIG && beyond.bytes == 0,
	    "SYNC write of 4096 at 2 MiB, beyond the host's file size limit: error %d, %zu bytes "
	    "(want EFBIG 27, 0)", beyond.error, beyond.bytes);
	req_free(&cross);
	req_free(&beyond);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE(bio_eintr, "BIO-010",
    "host EINTR under a bio is retried: the request completes in full, error 0")
{
	struct io_medium m;
	struct batch b;
	struct req r;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (arm(&m, RCH_IO_READ | RCH_IO_WRITE, NB_EINTR, 0, 3) == -1)
		return;
	one(fd, RUMPUSER_BIO_WRITE, &r, &b, 0, 8192);
	disarm();
	req_free(&r);
	if (fired())
		RC_EXPECT("BIO-010", r.error == 0 && r.bytes == 8192,
		    "write interrupted by host EINTR: error %d, %zu bytes", r.error, r.bytes);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE(bio_sync_write, "BIO-007",
    "a SYNC write is flushed before biodone: a failing host flush is reported (EIO, 5)")
{
	struct io_medium m;
	struct batch b;
	struct req r;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (arm(&m, RCH_IO_SYNC, NB_EIO, 0, -1) == -1)
		return;
	one(fd, RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC, &r, &b, 0, 8192);
	req_free(&r);
	disarm();
	RC_EXPECT("BIO-007", rch_io_faults_fired() > 0,
	    "no host flush (fsync/fdatasync) before the SYNC write completed");
	RC_EXPECT("BIO-007", r.error == NB_EIO && r.bytes == 0,
	    "SYNC write whose flush failed: error %d, %zu bytes (want 5, 0)", r.error, r.bytes);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define BIG_SECTOR	4096

/* Aligned to 512 but, where it says so, not to the medium's 4096-byte sectors. */
static const struct {
	size_t	bufoff;		/* the buffer's offset into a 4096-aligned block */
	uint64_t off;
	size_t	len;
} odd[] = {
	{ 0, 8192, 4096 },		/* all of it on sector boundaries */
	{ 512, 16384, 4096 },		/* the buffer only */
	{ 0, 20480 + 512, 4096 },	/* the offset only */
	{ 0, 32768, 512 },		/* the length only */
	{ 1536, 40960 + 1536, 3584 },	/* all three */
	{ 0, 49152, 17 * 512 },
};
#define NODD	((int)(sizeof(odd) / sizeof(odd[0])))

/* Every odd[] extent as one request of op, submitted together and waited for. */
static void
odd_batch(int fd, int op, struct batch *b, int flip)
{
	void *mem;
	int i;

	batch_init(b, NODD);
	for (i = 0; i < NODD; i++) {
		struct req *r = &b->reqs[i];

		if (rumpuser_malloc(odd[i].len + 2 * BIG_SECTOR, BIG_SECTOR, &mem) != 0)
			rch_abort_case("rumpuser_malloc failed");
		r->b = b;
		r->mem = mem;
		r->buf = r->mem + (flip ? (odd[i].bufoff + 512) % BIG_SECTOR : odd[i].bufoff);
		r->off = odd[i].off;
		r->len = odd[i].len;
		r->op = op | ((op & RUMPUSER_BIO_WRITE) && i % 2 ? RUMPUSER_BIO_SYNC : 0);
		if (op & RUMPUSER_BIO_WRITE)
			io_fill(r->buf, r->len, r->off, 5);
		else
			rc_memset(r->buf, MARKER, r->len);
	}
	for (i = 0; i < NODD; i++)
		submit(fd, &b->reqs[i]);
	batch_wait(b);
}

static void
odd_free(struct batch *b)
{
	int i;

	for (i = 0; i < b->n; i++) {
		rumpuser_free(b->reqs[i].mem, b->reqs[i].len + 2 * BIG_SECTOR);
		b->reqs[i].mem = NULL;
	}
	batch_free(b);
}

static void
odd_check(const struct batch *b, const char *what)
{
	int i;

	for (i = 0; i < b->n; i++) {
		const struct req *r = &b->reqs[i];
		long bad = (r->op & RUMPUSER_BIO_READ) ? io_check(r->buf, r->len, r->off, 5) : -1;

		RC_EXPECT("BIO-641", r->error == 0 && r->bytes == r->len && bad == -1,
		    "%s of %zu bytes at %llu, buffer %zu bytes past a sector boundary, on a medium "
		    "of %d-byte sectors: error %d, %zu bytes%s (want 0, %zu, the data written)",
		    what, r->len, (unsigned long long)r->off, (size_t)(r->buf - r->mem), BIG_SECTOR,
		    r->error, r->bytes, bad == -1 ? "" : ", wrong data", r->len);
	}
}

/*
 * The kernel addresses media in 512-byte units whatever their sectors: a
 * hypervisor doing direct I/O must fall back where the medium wants more.
 */
RC_CASE(bio_big_sector_medium, "BIO-641",
    "on a loop device with 4096-byte sectors, bios aligned only to 512 (buffer, offset, length) "
    "complete in full and read back what was written")
{
	struct io_medium m;
	struct batch w, rd;
	const char *why;
	int fd = -1, error;

	rc_memset(&m, 0, sizeof(m));
	if (io_path(m.file, sizeof(m.file), "bigsector.img", &why) == -1 ||
	    rch_make_sparse(m.file, IO_MEDIUM_SIZE, &why) == -1 ||
	    rch_loop_attach_sector(m.file, BIG_SECTOR, m.dev, sizeof(m.dev), &why) == -1) {
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	if ((error = rumpuser_open(m.dev, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, &fd)) != 0) {
		io_medium_teardown(&m);
		RC_ASSERT("FIL-006", 0, "rumpuser_open(%s, RDWR|BIO) = %d", m.dev, error);
	}
	odd_batch(fd, RUMPUSER_BIO_WRITE, &w, 0);
	odd_check(&w, "write");
	odd_free(&w);
	odd_batch(fd, RUMPUSER_BIO_READ, &rd, 1);
	odd_check(&rd, "read");
	odd_free(&rd);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define INLINE_BIOS	16

struct inline_done {
	struct lwp	*submitter;
	int		done, foreign, failed;
};

static void
inline_cb(void *arg, size_t bytes, int error)
{
	struct inline_done *d = arg;

	if (mk_curlwp() != d->submitter)
		rc_inc(&d->foreign);
	if (error != 0 || bytes != 4096)
		rc_inc(&d->failed);
	rc_inc(&d->done);
}

/*
 * RUMP_THREADS=0 is the kernel's own switch for running without threads:
 * the reference then does each bio in the submitter, and so its biodone
 * runs there, before rumpuser_bio returns, on no lwp but the caller's.
 */
RC_CASE(bio_no_threads, "BIO-642",
    "with RUMP_THREADS=0, each bio (reads, writes, SYNC writes) completes in the submitter: "
    "biodone on the caller's own lwp, before rumpuser_bio returns")
{
	struct inline_done d = { .submitter = mk_curlwp() };
	struct io_medium m;
	const char *why;
	void *buf;
	int fd, i, op, late = 0;

	if (rch_setparam("RUMP_THREADS", "0", &why) == -1)
		RC_SKIP(why);
	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (rumpuser_malloc(4096, 512, &buf) != 0)
		rch_abort_case("rumpuser_malloc failed");
	rc_memset(buf, 0x5a, 4096);
	for (i = 0; i < INLINE_BIOS; i++) {
		op = i % 3 == 0 ? RUMPUSER_BIO_READ : RUMPUSER_BIO_WRITE |
		    (i % 3 == 2 ? RUMPUSER_BIO_SYNC : 0);
		rumpuser_bio(fd, op, buf, 4096, (int64_t)i * 4096, inline_cb, &d);
		if (rc_load(&d.done) != i + 1)
			late++;
		while (rc_load(&d.done) < i + 1)	/* the next bio waits for this one */
			rc_sleep_ms(1);
	}
	rumpuser_free(buf, 4096);
	rumpuser_close(fd);
	io_medium_teardown(&m);
	RC_EXPECT("BIO-642", late == 0 && rc_load(&d.foreign) == 0, "with RUMP_THREADS=0, "
	    "%d of %d bios completed after rumpuser_bio returned and %d biodone calls ran on "
	    "another lwp than the submitter's: the hypervisor runs I/O threads the kernel "
	    "switched off", late, INLINE_BIOS, rc_load(&d.foreign));
	RC_EXPECT("BIO-004", rc_load(&d.failed) == 0, "%d of %d bios failed or came short",
	    rc_load(&d.failed), INLINE_BIOS);
}

#define HELD_MS		2000	/* how long the host holds a transfer back */

/* The three kinds of request, each held back by the host in turn. */
static const struct {
	int	op;
	int	faultops;
	const char *what;
} held_ops[] = {
	{ RUMPUSER_BIO_READ, RCH_IO_READ, "read" },
	{ RUMPUSER_BIO_WRITE, RCH_IO_WRITE, "write" },
	{ RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC, RCH_IO_WRITE, "SYNC write" },
};

/*
 * Submit one request whose host transfer sleeps HELD_MS first; 1 if it
 * completed inside rumpuser_bio, the call lasting the whole hold (0 if
 * not, -1 skipped).
 */
static int
held_transfer(const struct io_medium *m, int fd, int k, struct batch *b)
{
	struct req *r = &b->reqs[0];
	const char *why;
	uint64_t t0, took;
	int done_at_return;

	if (rch_delay_io(m->path, held_ops[k].faultops, HELD_MS, 1, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	r->b = b;
	r->op = held_ops[k].op;
	r->off = 65536 + (uint64_t)k * 8192;
	req_alloc(r, 8192, 0);
	if (r->op & RUMPUSER_BIO_WRITE)
		io_fill(r->buf, r->len, r->off, 6);
	t0 = rch_mono_ns();
	submit(fd, r);
	took = rch_mono_ns() - t0;
	done_at_return = rc_load(&b->completed);
	batch_wait(b);
	disarm();
	if (!fired())
		return -1;
	RC_EXPECT("BIO-004", r->error == 0 && r->bytes == r->len, "held %s: error %d, "
	    "%zu bytes (want 0, %zu)", held_ops[k].what, r->error, r->bytes, r->len);
	/* Completed, and the call took the hold: the transfer ran inside it. */
	return done_at_return > 0 && took >= (uint64_t)HELD_MS * 1000000u;
}

/*
 * The kernel's asynchronous writers (the syncer, the pagedaemon) count on
 * rumpuser_bio only starting the transfer.
 */
RC_CASE(bio_returns_before_transfer, "BIO-700 BIO-001",
    "a read, a write and a SYNC write the host holds back 2 s each: rumpuser_bio returns "
    "before the transfer ends, biodone comes later")
{
	struct io_medium m;
	struct batch b;
	int fd, k, inside, n = (int)(sizeof(held_ops) / sizeof(held_ops[0]));

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	RC_ASSERT("IOV-001", io_put(fd, 65536, 3 * 8192, 6) == 0, "iovwrite failed");
	for (k = 0; k < n && !rc_failed(); k++) {
		batch_init(&b, 1);
		inside = held_transfer(&m, fd, k, &b);
		batch_free(&b);
		if (inside == -1)
			break;
		RC_EXPECT("BIO-700", inside == 0, "a %s the host held back %d ms completed "
		    "inside rumpuser_bio, which returned only after the hold: the transfer ran in "
		    "the submitter", held_ops[k].what, HELD_MS);
	}
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

/* A request waited for the kernel's way: biowait on a kmutex and a cv. */
struct biowait {
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	int		want, done;
	int		failed;		/* completions with an error or short */
	int		in_waiter;	/* biodone ran on the waiting thread */
	struct lwp	*waiter;
};

struct biowait_req {
	struct biowait	*w;
	size_t		len;
	int		ndone;
};

static void
biowait_done(void *arg, size_t bytes, int error)
{
	struct biowait_req *q = arg;
	struct biowait *w = q->w;

	rumpuser_mutex_enter(w->mtx);
	if (error != 0 || bytes != q->len)
		w->failed++;
	if (mk_curlwp() == w->waiter)
		w->in_waiter++;
	q->ndone++;
	w->done++;
	rumpuser_cv_broadcast(w->cv);
	rumpuser_mutex_exit(w->mtx);
}

#define BIOWAIT_SLICE_S	2

/* Submit n bios of op, then sleep on the cv until all are done; how many are. */
static int
biowait_round(int fd, int op, int n, struct biowait *w, struct biowait_req *q,
    unsigned char *buf)
{
	uint64_t end = rch_mono_ns() + (uint64_t)WAIT_MS * 1000000u;
	int i, done;

	w->want = n;
	w->done = w->failed = w->in_waiter = 0;
	for (i = 0; i < n; i++) {
		q[i] = (struct biowait_req){ w, 4096, 0 };
		rumpuser_bio(fd, op, buf + (size_t)i * 4096, 4096, (int64_t)i * 4096,
		    biowait_done, &q[i]);
	}
	rumpuser_mutex_enter(w->mtx);
	while (w->done < n && rch_mono_ns() < end)
		rumpuser_cv_timedwait(w->cv, w->mtx, BIOWAIT_SLICE_S, 0);
	done = w->done;
	rumpuser_mutex_exit(w->mtx);
	return done;
}

#define BIOWAIT_MAX	200

/*
 * biowait: the thread that issued the I/O sleeps on a cv under a kmutex
 * and the completion wakes it; a hypervisor may deliver completions in the
 * waiter itself, but only once it has let the mutex go.
 */
RC_CASE(bio_biowait, "BIO-701 BIO-001",
    "1, 2, 31, 33 and 200 reads, writes and SYNC writes, each batch waited for on a cv "
    "under a kmutex as biowait does: every biodone runs once and wakes the waiter")
{
	static const int counts[] = { 1, 2, 31, 33, BIOWAIT_MAX };
	static const int ops[] = { RUMPUSER_BIO_WRITE, RUMPUSER_BIO_READ,
	    RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC };
	struct biowait w = { .waiter = mk_curlwp() };
	struct biowait_req *q;
	struct io_medium m;
	void *buf;
	int fd, c, o, i, done, inwaiter = 0;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	if (rumpuser_malloc(BIOWAIT_MAX * 4096, 512, &buf) != 0)
		rch_abort_case("rumpuser_malloc failed");
	if ((q = rch_alloc(BIOWAIT_MAX * sizeof(*q))) == NULL)
		rch_abort_case("out of memory");
	rc_memset(buf, 0x3c, BIOWAIT_MAX * 4096);
	rumpuser_mutex_init(&w.mtx, RUMPUSER_MTX_KMUTEX);
	rumpuser_cv_init(&w.cv);
	for (c = 0; c < (int)(sizeof(counts) / sizeof(counts[0])) && !rc_failed(); c++)
		for (o = 0; o < (int)(sizeof(ops) / sizeof(ops[0])) && !rc_failed(); o++) {
			done = biowait_round(fd, ops[o], counts[c], &w, q, buf);
			inwaiter += w.in_waiter;
			RC_EXPECT("BIO-701", done == counts[c], "%d of %d bios (op %#x) waited for "
			    "on a cv under a kmutex completed within %d s: the waiter was never "
			    "woken by the others", done, counts[c], ops[o], WAIT_MS / 1000);
			for (i = 0; i < counts[c] && done == counts[c] && !rc_failed(); i++)
				RC_EXPECT("BIO-001", q[i].ndone == 1, "bio %d of %d (op %#x): %d biodone "
				    "calls (want 1)", i, counts[c], ops[o], q[i].ndone);
			RC_EXPECT("BIO-004", w.failed == 0, "%d of %d bios (op %#x) failed or came "
			    "short", w.failed, counts[c], ops[o]);
			/* A late biodone would touch q and the cv: let them come now. */
			if (done < counts[c])
				break;
		}
	rc_note("biowait: %d completions delivered by the waiting thread itself\n", inwaiter);
	rumpuser_cv_destroy(w.cv);
	rumpuser_mutex_destroy(w.mtx);
	rch_free(q);
	rumpuser_free(buf, BIOWAIT_MAX * 4096);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define LONE_MS		20000

/*
 * Wait for one completion with no hypercall at all: the host clock and a
 * host sleep (the thread keeps its CPU, as a kernel thread polling would).
 */
static int
lone_wait(struct batch *b)
{
	uint64_t end = rch_mono_ns() + (uint64_t)LONE_MS * 1000000u;

	while (rc_load(&b->completed) < 1 && rch_mono_ns() < end)
		rch_sleep_ns(1000000);
	return rc_load(&b->completed);
}

RC_CASE(bio_lone_request, "BIO-702 BIO-001",
    "a lone read, write and SYNC write, each followed by no hypercall at all, complete "
    "within 20 s: nothing is held back waiting for a batch")
{
	struct io_medium m;
	struct batch b;
	struct req *r;
	int fd, k, done, n = (int)(sizeof(held_ops) / sizeof(held_ops[0]));

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	for (k = 0; k < n && !rc_failed(); k++) {
		batch_init(&b, 1);
		r = &b.reqs[0];
		r->b = &b;
		r->op = held_ops[k].op;
		r->off = (uint64_t)k * 4096;
		req_alloc(r, 4096, 0);
		submit(fd, r);
		done = lone_wait(&b);
		RC_EXPECT("BIO-702", done == 1, "a lone %s followed by no hypercall did not "
		    "complete within %d s: the hypervisor holds it back for a batch nobody "
		    "completes", held_ops[k].what, LONE_MS / 1000);
		if (done != 1)
			break;	/* the batch stays: a late biodone may still use it */
		batch_wait(&b);
		batch_free(&b);
	}
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define RING_BIOS	3
#define RING_LEN	12288
#define RING_CHILD_MS	60000
#define RING_NOFILTER	200	/* child exit: the host could not refuse the ring */
#define RING_NOSETUP	201	/* child exit: no medium or memory in the child */

struct ring_slot {
	int	done, error;
	size_t	bytes;
};

/* What the child saw, in memory it shares with the case. */
struct ring_child {
	const char	*path;
	int		how;
	struct ring_slot slot[RING_BIOS];
	long		bad;		/* first wrong byte read back, -1 */
};

static const struct {
	int		op;
	uint64_t	off;
	size_t		len;
	const char	*what;
} ring_plan[RING_BIOS] = {
	{ RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC, 0, 8192, "SYNC write of 8192 at 0" },
	{ RUMPUSER_BIO_WRITE, 8192, 4096, "write of 4096 at 8192" },
	{ RUMPUSER_BIO_READ, 0, RING_LEN, "read of 12288 at 0" },
};

static void
ring_done(void *arg, size_t bytes, int error)
{
	struct ring_slot *s = arg;

	s->bytes = bytes;
	s->error = error;
	rc_inc(&s->done);
}

/*
 * In the child: refuse the ring, then the first bios of the process (they
 * choose its path): two writes, then a read of both, each waited for.
 */
static void
ring_refused_child(void *arg)
{
	struct ring_child *c = arg;
	unsigned char *wbuf, *rbuf;
	const char *why;
	void *mem;
	uint64_t end;
	int fd, i;

	if (rch_refuse_io_ring(c->how, &why) == -1)
		rch_exit_child(RING_NOFILTER);
	if (rumpuser_open(c->path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, &fd) != 0 ||
	    rumpuser_malloc(2 * RING_LEN, 512, &mem) != 0)
		rch_exit_child(RING_NOSETUP);
	wbuf = mem;
	rbuf = wbuf + RING_LEN;
	io_fill(wbuf, RING_LEN, 0, 8);
	rc_memset(rbuf, 0, RING_LEN);
	for (i = 0; i < RING_BIOS; i++) {
		rumpuser_bio(fd, ring_plan[i].op, (ring_plan[i].op & RUMPUSER_BIO_READ) ?
		    rbuf : wbuf + ring_plan[i].off, ring_plan[i].len,
		    (int64_t)ring_plan[i].off, ring_done, &c->slot[i]);
		end = rch_mono_ns() + (uint64_t)WAIT_MS * 1000000u;
		while (rc_load(&c->slot[i].done) == 0 && rch_mono_ns() < end)
			rc_sleep_ms(1);
		if (rc_load(&c->slot[i].done) == 0)
			rch_exit_child(0);	/* the case reports the missing biodone */
	}
	c->bad = io_check(rbuf, RING_LEN, 0, 8);
	rch_exit_child(0);
}

/* The verdict on one child's run (how: the refusal, for messages). */
static void
ring_refused_check(const struct ring_child *c, int how, int code, const char *refusal)
{
	int i;

	RC_ASSERT("BIO-703", how == RCH_EXITED && code == 0, "with %s, the process doing "
	    "its first bios %s %d", refusal, how == RCH_SIGNALED ? "was killed by host signal" :
	    "exited with status", code);
	for (i = 0; i < RING_BIOS; i++) {
		RC_EXPECT("BIO-001", c->slot[i].done == 1, "with %s, the %s completed %d times "
		    "within %d s (want once)", refusal, ring_plan[i].what, c->slot[i].done,
		    WAIT_MS / 1000);
		RC_EXPECT("BIO-703", c->slot[i].error == 0 &&
		    c->slot[i].bytes == ring_plan[i].len, "with %s, the %s: error %d, %zu bytes "
		    "(want 0, %zu): no working path was left for the bios", refusal,
		    ring_plan[i].what, c->slot[i].error, c->slot[i].bytes, ring_plan[i].len);
	}
	RC_EXPECT("BIO-703", c->bad == -1, "with %s, the read gave back other data than the "
	    "two writes put there (byte %ld differs)", refusal, c->bad);
}

/*
 * io_uring is the hypervisor's to try, not the kernel's to need: a host
 * that refuses it, at once or half-way through setting it up, must still
 * get every bio done (on whatever path is left).
 */
RC_CASE(bio_ring_refused, "BIO-703 BIO-001",
    "with the host refusing io_uring (setup: EPERM; mapping its submission entries: "
    "ENOMEM), a process's first bios (SYNC write, write, read back) complete in full")
{
	static const struct {
		int		how;
		const char	*refusal;
	} ways[] = {
		{ RCH_RING_SETUP, "io_uring_setup refused (EPERM)" },
		{ RCH_RING_MAP, "the ring set up but its entries not mappable (ENOMEM)" },
	};
	struct ring_child *c;
	struct io_medium m;
	const char *why;
	int k, how, code;

	rc_memset(&m, 0, sizeof(m));
	if (io_medium_setup(&m, 0, IO_MEDIUM_SIZE, &why) == -1) {
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	if ((c = rch_shared_alloc(sizeof(*c), &why)) == NULL)
		RC_SKIP(why);
	for (k = 0; k < (int)(sizeof(ways) / sizeof(ways[0])) && !rc_failed(); k++) {
		rc_memset(c, 0, sizeof(*c));
		c->path = m.path;
		c->how = ways[k].how;
		c->bad = -2;
		if (rch_isolated(ring_refused_child, c, RING_CHILD_MS, &how, &code, &why) == -1) {
			rc_skip(why);
			break;
		}
		if (how == RCH_EXITED && code == RING_NOFILTER) {
			rc_skip("the host cannot refuse io_uring to a process here (no seccomp)");
			break;
		}
		RC_ASSERT("FIL-006", !(how == RCH_EXITED && code == RING_NOSETUP),
		    "the child could not open %s for bio or allocate its buffers", m.path);
		ring_refused_check(c, how, code, ways[k].refusal);
	}
	rch_shared_free(c, sizeof(*c));
	io_medium_teardown(&m);
}

#define QUIET_SETTLE_MS	2000	/* after the last completion, before counting */
#define QUIET_MS	1000
#define QUIET_MAX	100	/* sleeps of all threads together in QUIET_MS */

/*
 * Once the kernel's I/O is over the hypervisor's I/O threads sleep until
 * there is work: a thread that polls for completions on a timer wakes
 * hundreds of times a second for nothing.
 */
RC_CASE(bio_idle_quiet, "BIO-704",
    "2 s after a write, a SYNC write and a read completed, with nothing more to do, the "
    "process's threads wake at most 100 times in 1 s")
{
	struct io_medium m;
	struct batch b;
	struct req r;
	const char *why;
	long before, after;
	int fd;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	one(fd, RUMPUSER_BIO_WRITE, &r, &b, 0, 4096);
	req_free(&r);
	one(fd, RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC, &r, &b, 4096, 4096);
	req_free(&r);
	one(fd, RUMPUSER_BIO_READ, &r, &b, 0, 8192);
	req_free(&r);
	rc_sleep_ms(QUIET_SETTLE_MS);
	if ((before = rch_process_sleeps(&why)) == -1) {
		rumpuser_close(fd);
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	rch_sleep_ns((uint64_t)QUIET_MS * 1000000u);	/* a host sleep: no hypercall */
	after = rch_process_sleeps(&why);
	rc_note("idle: the process's threads went to sleep %ld times in %d ms\n",
	    after - before, QUIET_MS);
	RC_EXPECT("BIO-704", after - before <= QUIET_MAX, "with no bio outstanding for %d s, "
	    "the process's threads went to sleep %ld times in %d ms (want at most %d): a "
	    "thread polls for completions that cannot come", QUIET_SETTLE_MS / 1000,
	    after - before, QUIET_MS, QUIET_MAX);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

#define DURABLE_REQS	48
#define DURABLE_SLOT	(64 * 1024)	/* one request's pages, shared with no other */
#define PAGED_REQS	4
#define PAGED_STALL_MS	100		/* the swap-in of a request's source */

/*
 * SYNC writes of 512 B..56 KiB, aligned or not, each in pages of its own
 * from slot first on; with paged, their sources are paged out by the host.
 */
static int
durable_plan(struct batch *b, int n, int first, int paged, const char **why)
{
	uint64_t seed = 0x5eed0800u + (unsigned)first;
	int i;

	batch_init(b, n);
	for (i = 0; i < b->n; i++) {
		struct req *r = &b->reqs[i];
		void *slow;

		r->b = b;
		r->op = RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC;
		r->off = (uint64_t)(first + i) * DURABLE_SLOT +
		    (i % 2 ? 512 * (rc_rand(&seed) % 8) : 0);
		req_alloc(r, (size_t)(1 + rc_rand(&seed) % 112) * 512, i % 4 == 3);
		io_fill(r->buf, r->len, r->off, 8);
		if (!paged)
			continue;
		/* The source, past the same misalignment, now only on the host's swap. */
		if ((slow = rch_paged_out_copy(r->mem, r->len + 512, PAGED_STALL_MS, why)) == NULL)
			return -1;
		r->buf = (unsigned char *)slow + (r->buf - r->mem);
		rumpuser_free(r->mem, r->len + 512);
		r->mem = slow;
		r->paged = 1;
	}
	return 0;
}

/*
 * The first request whose pages the host still holds dirty, with their
 * count in *unclean; -1 when none is; -2 (and *why) when the host cannot
 * tell, or when its own flush does not clean a file's pages either.
 */
static int
durable_first_unclean(const struct io_medium *m, const struct batch *b, long *unclean,
    const char **why)
{
	int i;

	for (i = 0; i < b->n; i++) {
		const struct req *r = &b->reqs[i];

		if ((*unclean = rch_file_unclean_pages(m->file, r->off, r->len, 0, why)) < 0)
			return -2;
		if (*unclean == 0)
			continue;
		if (rch_file_unclean_pages(m->file, r->off, r->len, 1, why) != 0) {
			*why = "the host's own fdatasync leaves the file's pages dirty: its cache "
			    "does not show what reached the medium";
			return -2;
		}
		return i;
	}
	return -1;
}

/* Submit b together, wait, and check each SYNC write reached the medium. */
static int
durable_run(int fd, const struct io_medium *m, struct batch *b, const char *how,
    const char **why)
{
	long unclean = 0;
	int i, bad;

	for (i = 0; i < b->n; i++)
		submit(fd, &b->reqs[i]);
	batch_wait(b);
	for (i = 0; i < b->n && !rc_failed(); i++)
		RC_EXPECT("BIO-004", b->reqs[i].error == 0 && b->reqs[i].bytes == b->reqs[i].len,
		    "SYNC write of %zu at %llu: error %d, %zu bytes", b->reqs[i].len,
		    (unsigned long long)b->reqs[i].off, b->reqs[i].error, b->reqs[i].bytes);
	if ((bad = durable_first_unclean(m, b, &unclean, why)) == -2)
		return -1;
	RC_EXPECT("BIO-800", bad == -1, "SYNC write %d of %d %s (%zu bytes at %llu) had "
	    "completed, yet %ld of its pages were still dirty in the host's cache (want 0; the "
	    "host's own fdatasync then cleaned them): its flush did not follow the data", bad,
	    b->n, how, b->reqs[bad >= 0 ? bad : 0].len,
	    (unsigned long long)b->reqs[bad >= 0 ? bad : 0].off, unclean);
	return 0;
}

/*
 * A SYNC write is on the medium when biodone comes: the host's flush must
 * follow the write, not run beside it (where it can finish before the data
 * even reached the host's cache). Checked for SYNC writes submitted
 * together from resident memory, and from memory the host paged out (the
 * write then waits for a swap-in: a flush beside it finishes first). Once
 * they have all completed, none of their pages may still be dirty in the
 * host's cache; the host's own fdatasync tells whether its cache shows it.
 */
RC_CASE(bio_sync_write_durable, "BIO-800 BIO-001 BIO-004",
    "48 SYNC writes of 512 B..56 KiB submitted together, aligned and not, then 4 whose "
    "source memory the host paged out (100 ms swap-in): at their biodone no page they wrote "
    "is still dirty or under writeback in the host's cache")
{
	struct io_medium m;
	struct batch b;
	const char *why = NULL, *pwhy = NULL;
	int fd, rv;

	if ((fd = open_medium(&m, 0, RUMPUSER_OPEN_RDWR)) == -1)
		return;
	durable_plan(&b, DURABLE_REQS, 0, 0, &why);
	rv = durable_run(fd, &m, &b, "from resident memory", &why);
	batch_free(&b);
	if (rv == 0 && !rc_failed()) {
		if (durable_plan(&b, PAGED_REQS, DURABLE_REQS, 1, &pwhy) == 0)
			rv = durable_run(fd, &m, &b, "from paged-out memory", &why);
		else
			rc_note("bio: SYNC writes from paged-out memory not tried: %s\n", pwhy);
		batch_free(&b);
	}
	rumpuser_close(fd);
	io_medium_teardown(&m);
	if (rv == -1)
		RC_SKIP(why);
}

static const struct rc_case *const cases[] = {
	RC_REF(bio_integrity_file), RC_REF(bio_integrity_blk), RC_REF(bio_eof),
	RC_REF(bio_badfd), RC_REF(bio_errors), RC_REF(bio_donearg_own), RC_REF(bio_flood), RC_REF(bio_keeps_descriptors), RC_REF(bio_many_submitters), RC_REF(bio_waiters_all_woken),
	RC_REF(bio_submit_unschedules),
	RC_REF(bio_host_eio_file), RC_REF(bio_host_eio_blk), RC_REF(bio_host_enospc),
	RC_REF(bio_host_error_once), RC_REF(bio_big_sector_medium),
	RC_REF(bio_no_threads), RC_REF(bio_file_size_limit),
	RC_REF(bio_short_read), RC_REF(bio_short_write), RC_REF(bio_eintr),
	RC_REF(bio_sync_write), RC_REF(bio_returns_before_transfer), RC_REF(bio_biowait),
	RC_REF(bio_lone_request), RC_REF(bio_ring_refused),
	RC_REF(bio_idle_quiet), RC_REF(bio_sync_write_durable), NULL
};
const struct rc_area rc_area_bio = { "bio", cases };
