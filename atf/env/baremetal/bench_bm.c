/*
 * bench_bm.c -- the benchmarks inside a bare-metal machine (command line
 * word run=bench): the portable groups against the built-in hypervisor
 * with the cjson backend on this platform, the machine's own primitives
 * (a counter read, a cooperative context switch there and back, an atomic
 * add) that bench-run divides every figure by, and 4 KiB block I/O on
 * the machine's disk against its driver. Output: the JSON on lines
 * prefixed BM_BENCH_JSON, notes and the ratio table on BM_BENCH_NOTE.
 * Command line words --benchmark_* are the backend's flags.
 */
#include <string.h>

#include "bench_env.h"
#include "cb_impl.h"
#include "cjson.h"
#include "bm.h"
#include "bm_env.h"
#include "bm_printf.h"

#define BENCH_BM_MAXARGS	16
#define BENCH_BM_LINE		2048
#define BIO_SIZE		4096
#define BIO_SPAN		(64ull << 20)	/* offsets drawn in the disk's first 64 MiB */
#define PEER_STACK		16384

/* --- the platform of the cjson backend -------------------------------------- */

struct bm_stream {
	const char *prefix;
	char line[BENCH_BM_LINE];
	size_t used;
};

static struct bm_stream bm_out = { .prefix = BM_BENCH_JSON };
static struct bm_stream bm_err = { .prefix = BM_BENCH_NOTE };

static void
bm_stream_flush(struct bm_stream *s)
{
	s->line[s->used] = '\0';
	bm_env_puts(s->prefix);
	bm_env_puts(s->line);
	bm_env_puts("\n");
	s->used = 0;
}

/* Whole lines to the console; one longer than a line is cut in pieces. */
void
cb_plat_write(int to_err, const char *p, size_t n)
{
	struct bm_stream *s = to_err ? &bm_err : &bm_out;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n' || s->used == sizeof(s->line) - 1) {
			bm_stream_flush(s);
			if (p[i] == '\n')
				continue;
		}
		s->line[s->used++] = p[i];
	}
}

/* One CPU and no per-thread accounting: a thread's CPU time is the clock's. */
uint64_t
cb_plat_thread_cpu_ns(void)
{
	return mach_mono_ns();
}

void *
cb_plat_out_open(const char *path)
{
	(void)path;
	return NULL;
}

void
cb_plat_out_write(void *f, const char *s, size_t n)
{
	(void)f;
	(void)s;
	(void)n;
}

int
cb_plat_out_close(void *f)
{
	(void)f;
	return -1;
}

struct bm_bench_thread {
	struct bm_thread *t;
	cb_plat_thread_fn *fn;
	void *arg;
};

static void *
bm_bench_thread_body(void *p)
{
	struct bm_bench_thread *t = p;

	t->fn(t->arg);
	return NULL;
}

void *
cb_plat_thread_start(cb_plat_thread_fn *fn, void *arg)
{
	struct bm_bench_thread *t = bm_alloc(sizeof(*t), 16);

	if (t == NULL)
		bm_fatal("rcbench: out of memory for a thread");
	t->fn = fn;
	t->arg = arg;
	if ((t->t = bm_thread_new(bm_bench_thread_body, t, "rcbench", 1)) == NULL)
		bm_fatal("rcbench: cannot start a thread");
	return t;
}

void
cb_plat_thread_join(void *handle)
{
	struct bm_bench_thread *t = handle;

	bm_thread_join(t->t);
	bm_free(t);
}

/* Seconds since the epoch as an ISO 8601 date (civil from days, UTC). */
static void
bm_iso_date(char *buf, size_t len, int64_t sec)
{
	int64_t days = sec / 86400, rem = sec % 86400, era, y;
	unsigned doe, yoe, doy, mp, d, m;

	days += 719468;		/* from 1970-01-01 to 0000-03-01 */
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = (unsigned)(days - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	bm_snprintf(buf, len, "%04lld-%02u-%02uT%02u:%02u:%02u+00:00",
	    (long long)(y + (m <= 2)), m, d, (unsigned)(rem / 3600),
	    (unsigned)(rem / 60 % 60), (unsigned)(rem % 60));
}

void
cj_describe(struct cj_context *c)
{
	static char date[40], host[64];

	bm_iso_date(date, sizeof(date), (int64_t)(rch_wall_ns() / 1000000000u));
	bm_snprintf(host, sizeof(host), "bare metal %s", mach_name());
	c->date = date;
	c->host_name = host;
	c->executable = "rumpcheck.elf";
	c->num_cpus = 1;	/* the boot CPU runs every thread */
	c->mhz_per_cpu = 0;
	c->cpu_scaling_enabled = 0;
	c->library_build_type = "release";
}

/* One CPU runs the image: any and same CPU are it, cross-CPU runs skip. */
int
bench_pin(struct cb_state *st, enum bench_cpus where)
{
	if (where != BENCH_CROSS_CPU || cb_thread_count(st) <= 1)
		return 0;
	cb_skip(st, "cross-CPU needs a CPU per thread; the bare-metal image runs on one");
	return -1;
}

void
bench_unpin(void)
{
}

/* --- the machine's primitives ---------------------------------------------- */

static void
bm_counter_read(struct cb_state *st, uint64_t n, void *arg)
{
	(void)st;
	(void)arg;
	for (; n > 0; n--)
		cb_keep(mach_counter());
}

static volatile uint32_t atomic_word;

static void
bm_atomic_add(struct cb_state *st, uint64_t n, void *arg)
{
	(void)st;
	(void)arg;
	for (; n > 0; n--)
		__atomic_fetch_add(&atomic_word, 1, __ATOMIC_SEQ_CST);
}

static struct mach_ctx self_ctx, peer_ctx;

/* The peer context only switches back: each round trip is two switches. */
static void
peer_loop(void *arg)
{
	(void)arg;
	for (;;)
		mach_ctx_switch(&peer_ctx, &self_ctx);
}

static void *
ctx_setup(struct cb_state *st, void *arg)
{
	void *stack = bm_alloc(PEER_STACK, 16);

	(void)arg;
	if (stack == NULL) {
		cb_skip(st, "no memory for the peer context's stack");
		return NULL;
	}
	mach_ctx_make(&peer_ctx, stack, PEER_STACK, peer_loop, NULL);
	return stack;
}

/* The peer is left parked in its loop: its stack is never resumed again. */
static void
ctx_teardown(struct cb_state *st, void *arg)
{
	(void)arg;
	if (cb_data(st) != NULL)
		bm_free(cb_data(st));
}

static void
bm_ctx_round_trip(struct cb_state *st, uint64_t n, void *arg)
{
	(void)st;
	(void)arg;
	for (; n > 0; n--)
		mach_ctx_switch(&self_ctx, &peer_ctx);
}

/* --- 4 KiB block I/O: rumpuser_bio against the machine's driver ------------- */

struct bio_bench {
	int write;
	int fd;
	uint8_t *buf;
	uint64_t seed;
	int error;
	size_t done;
};

static struct bio_bench bio_read = { .write = 0 }, bio_write = { .write = 1 };

/* The next 4 KiB-aligned offset in the span (a fixed sequence per run). */
static uint64_t
bio_next_off(struct bio_bench *b)
{
	b->seed = b->seed * 6364136223846793005ull + 1442695040888963407ull;
	return (b->seed >> 33) % (BIO_SPAN / BIO_SIZE) * BIO_SIZE;
}

static void *
bio_setup_common(struct cb_state *st, struct bio_bench *b)
{
	b->seed = 1;
	b->fd = -1;
	if (mach_blk_count() < 1 || mach_blk_size(0) < BIO_SPAN) {
		cb_skip(st, "the machine has no disk of 64 MiB or more");
		return NULL;
	}
	if ((b->buf = bm_alloc(BIO_SIZE, BIO_SIZE)) == NULL) {
		cb_skip(st, "no memory for the I/O buffer");
		return NULL;
	}
	memset(b->buf, 0x5a, BIO_SIZE);
	return b;
}

static void *
bio_limit_setup(struct cb_state *st, void *arg)
{
	return bio_setup_common(st, arg);
}

static void *
bio_target_setup(struct cb_state *st, void *arg)
{
	struct bio_bench *b = arg;
	int error;

	if (bio_setup_common(st, b) == NULL || BENCH_NEED(st, open) ||
	    BENCH_NEED(st, bio) || BENCH_NEED(st, close) || bench_enter(st))
		return NULL;
	error = rc_tgt.open(mach_blk_name(0), RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO,
	    &b->fd);
	if (error != 0) {
		cb_skip(st, "rumpuser_open of the machine's disk failed");
		b->fd = -1;
	}
	return b;
}

static void
bio_teardown(struct cb_state *st, void *arg)
{
	struct bio_bench *b = arg;

	(void)st;
	if (b->fd != -1)
		rc_tgt.close(b->fd);
	b->fd = -1;
	if (b->buf != NULL)
		bm_free(b->buf);
	b->buf = NULL;
	bench_leave();
}

static void
bm_bio_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct bio_bench *b = arg;

	cb_bytes(st, n * BIO_SIZE);
	for (; n > 0; n--) {
		if (mach_blk_rw(0, b->write, bio_next_off(b), b->buf, BIO_SIZE) != 0) {
			cb_skip(st, "the machine's block driver failed");
			return;
		}
	}
}

static void
bio_done(void *arg, size_t done, int error)
{
	struct bio_bench *b = arg;

	b->done = done;
	b->error = error;
}

/* rumpuser_bio completes before it returns here (the driver polls). */
static void
bm_bio_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct bio_bench *b = arg;
	int op = b->write ? RUMPUSER_BIO_WRITE : RUMPUSER_BIO_READ;

	cb_bytes(st, n * BIO_SIZE);
	for (; n > 0; n--) {
		b->done = 0;
		b->error = -1;
		rc_tgt.bio(b->fd, op, b->buf, BIO_SIZE, (int64_t)bio_next_off(b),
		    bio_done, b);
		if (b->error != 0 || b->done != BIO_SIZE) {
			cb_skip(st, "rumpuser_bio did not move 4 KiB at once");
			return;
		}
	}
}

static void
bench_register_machine(void)
{
	struct bench_pair bio = {
		.target = bm_bio_target, .limit = bm_bio_limit,
		.target_setup = bio_target_setup, .limit_setup = bio_limit_setup,
		.target_teardown = bio_teardown, .limit_teardown = bio_teardown,
	};

	cb_register("machine/counter_read", bm_counter_read, NULL);
	cb_register("machine/atomic_add", bm_atomic_add, NULL);
	cb_fixture(cb_register("machine/ctx_round_trip", bm_ctx_round_trip, NULL),
	    ctx_setup, ctx_teardown);
	bio.name = "bio/randread/blk/4096/1";
	bio.arg = &bio_read;
	bench_pair(&bio);
	bio.name = "bio/randwrite/blk/4096/1";
	bio.arg = &bio_write;
	bench_pair(&bio);
}

/* --- the run ---------------------------------------------------------------- */

/* argv: the program, JSON, the context, then the command line's --benchmark_* words. */
static int
bench_bm_argv(char **argv, char *words, char *context)
{
	int argc = 0;
	char *w = words;

	argv[argc++] = "rumpcheck.elf";
	argv[argc++] = "--benchmark_format=json";
	argv[argc++] = context;
	while (*w != '\0' && argc < BENCH_BM_MAXARGS) {
		while (*w == ' ')
			*w++ = '\0';
		if (*w == '\0')
			break;
		if (strncmp(w, "--benchmark_", 12) == 0)
			argv[argc++] = w;
		while (*w != ' ' && *w != '\0')
			w++;
	}
	argv[argc] = NULL;
	return argc;
}

int
bm_bench_main(void)
{
	static char words[1024], context[160], err[256];
	char *argv[BENCH_BM_MAXARGS + 1];
	int rv;

	bm_snprintf(words, sizeof(words), "%s", mach_cmdline());
	bm_snprintf(context, sizeof(context), "--benchmark_context=method=%s,machine=%s",
	    BM_BENCH_METHOD, mach_name());
	if (bench_boot("baremetal", err, sizeof(err)) == -1) {
		cb_plat_write(1, err, strlen(err));
		cb_plat_write(1, "\n", 1);
		return 2;
	}
	bench_register_portable();
	bench_register_machine();
	bench_register_unavailable("net", "packet I/O benchmarks need a tap and "
	    "packet sockets: the machine's two NICs are wired only to each other");
	rv = cb_main(bench_bm_argv(argv, words, context), argv);
	bench_report_violations();
	bm_env_puts(BM_BENCH_NOTE "rcbench-end\n");
	return rv;
}
