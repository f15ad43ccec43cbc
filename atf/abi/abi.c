/*
 * abi.c -- the binary interface between a rump kernel and its hypervisor:
 * the layout of every structure that crosses it, and the calling
 * convention of the calls in both directions. A hypervisor built with
 * another convention (i386 -mregparm=3 against a kernel built without it)
 * reads garbage arguments; these cases turn that into a clear failure.
 */
#include "mockkern.h"

#define ABI_WAIT_MS	25
#define ABI_SLACK_MS	3000
#define NSEC		1000000000LL

#define OFFSET(type, member) ((size_t)&((type *)0)->member)
#define SLOT(member) (OFFSET(struct rumpuser_hyperup, member) / sizeof(void *))

RC_CASE(abi_hyperup_layout, "ABI-002",
    "struct rumpuser_hyperup has 13 pointer-sized members in v17 order, then 8 spare pointers")
{
	RC_ASSERT_EQ("ABI-002", SLOT(hyp_schedule), 0, "slot of hyp_schedule");
	RC_ASSERT_EQ("ABI-002", SLOT(hyp_backend_unschedule), 2, "slot of hyp_backend_unschedule");
	RC_ASSERT_EQ("ABI-002", SLOT(hyp_backend_schedule), 3, "slot of hyp_backend_schedule");
	RC_ASSERT_EQ("ABI-002", SLOT(hyp_lwproc_newlwp), 7, "slot of hyp_lwproc_newlwp");
	RC_ASSERT_EQ("ABI-002", SLOT(hyp_getpid), 12, "slot of hyp_getpid");
	RC_ASSERT_EQ("ABI-002", SLOT(hyp__extra), 13, "slot of hyp__extra");
	RC_ASSERT_EQ("ABI-002", sizeof(struct rumpuser_hyperup), 21 * sizeof(void *),
	    "size of struct rumpuser_hyperup");
}

RC_CASE(abi_iovec_layout, "ABI-001",
    "struct rumpuser_iovec is { void *iov_base; size_t iov_len; } like NetBSD's struct iovec")
{
	RC_ASSERT_EQ("ABI-001", OFFSET(struct rumpuser_iovec, iov_base), 0, "offset of iov_base");
	RC_ASSERT_EQ("ABI-001", OFFSET(struct rumpuser_iovec, iov_len), sizeof(void *),
	    "offset of iov_len");
	RC_ASSERT_EQ("ABI-001", sizeof(struct rumpuser_iovec), 2 * sizeof(void *),
	    "size of struct rumpuser_iovec");
}

/* Upcalls a plain hypervisor never makes while a case sleeps or locks. */
static volatile int trapped_slot = -1;

static void trap(int slot) { if (rc_load(&trapped_slot) < 0) rc_store(&trapped_slot, slot); }
static void trap_switch(struct lwp *l) { (void)l; trap(4); }
static int trap_rfork(void *p, int f, const char *c) { (void)p; (void)f; (void)c; trap(6); return 6; }
static int trap_syscall(int n, void *a, long *r) { (void)n; (void)a; (void)r; trap(9); return 6; }
static void trap_lwpexit(void) { trap(10); }
static void trap_execnotify(const char *c) { (void)c; trap(11); }
static pid_t trap_getpid(void) { trap(12); return 1; }

static const char *const slot_names[] = {
	"hyp_schedule", "hyp_unschedule", "hyp_backend_unschedule",
	"hyp_backend_schedule", "hyp_lwproc_switch", "hyp_lwproc_release",
	"hyp_lwproc_rfork", "hyp_lwproc_newlwp", "hyp_lwproc_curlwp",
	"hyp_syscall", "hyp_lwpexit", "hyp_execnotify", "hyp_getpid",
};

RC_CASE_F(abi_hyperup_slots, "ABI-002 UPC-003",
    "a hypervisor reaches the upcalls through the v17 table layout: blocking calls use "
    "backend_unschedule/backend_schedule and nothing else", RC_F_NOBOOT)
{
	static struct rumpuser_hyperup t;
	struct rumpuser_mtx *m;
	struct rumpuser_cv *cv;
	struct lwp *l;

	t = *mk_table();
	t.hyp_lwproc_switch = trap_switch;
	t.hyp_lwproc_rfork = trap_rfork;
	t.hyp_syscall = trap_syscall;
	t.hyp_lwpexit = trap_lwpexit;
	t.hyp_execnotify = trap_execnotify;
	t.hyp_getpid = trap_getpid;
	RC_ASSERT_EQ("INI-001", RC_RAW(init)(RUMPUSER_VERSION, &t), 0, "rumpuser_init(17)");
	l = mk_lwp_create();
	mk_enter(l);
	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 1000000);
	rumpuser_mutex_init(&m, RUMPUSER_MTX_KMUTEX);
	rumpuser_cv_init(&cv);
	rumpuser_mutex_enter(m);
	rumpuser_cv_timedwait(cv, m, 0, 1000000);
	rumpuser_mutex_exit(m);
	rumpuser_cv_destroy(cv);
	rumpuser_mutex_destroy(m);
	mk_leave();
	mk_lwp_destroy(l);
	RC_ASSERT("ABI-002", rc_load(&trapped_slot) < 0,
	    "the hypervisor called %s (slot %d) while sleeping or waiting: its "
	    "struct rumpuser_hyperup layout is not v17's",
	    slot_names[rc_load(&trapped_slot)], rc_load(&trapped_slot));
}

/* Known answers, computed in a child so a crash becomes a verdict. */
enum { KA_OK, KA_PARAM, KA_MALLOC, KA_CLOCK, KA_SLEEP, KA_COUNT };

static const char *const ka_what[] = {
	"", "getparam(_RUMPUSER_NCPU, buf, 16) did not give a decimal",
	"malloc(4219, 4096) did not give 4096-aligned memory",
	"clock_gettime(ABSMONO) gave an impossible time",
	"clock_sleep(ABSMONO) to a past deadline did not return 0 promptly",
};

static int
known_answers(void)
{
	char buf[16];
	void *p = NULL;
	int64_t sec = -1;
	long nsec = -1;
	uint64_t t0;

	rc_memset(buf, 0x7f, sizeof(buf));
	if (rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf)) != 0 ||
	    buf[0] < '1' || buf[0] > '9')
		return KA_PARAM;
	if (rumpuser_malloc(4219, 4096, &p) != 0 || p == NULL || ((uintptr_t)p & 4095) != 0)
		return KA_MALLOC;
	rumpuser_free(p, 4219);
	if (rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec) != 0 ||
	    sec < 0 || nsec < 0 || nsec >= NSEC)
		return KA_CLOCK;
	t0 = rch_mono_ns();
	if (rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, sec, nsec) != 0 ||
	    rch_mono_ns() - t0 > (uint64_t)ABI_SLACK_MS * 1000000u)
		return KA_SLEEP;
	return KA_OK;
}

static void
known_answers_child(void *arg)
{
	(void)arg;
	rch_exit_child(known_answers());
}

RC_CASE(abi_known_answers, "ABI-003",
    "hypercalls given distinctive arguments give exactly the known answers "
    "(a calling-convention mismatch gives garbage or a crash)")
{
	const char *why;
	int how, code;

	if (rch_isolated(known_answers_child, NULL, 20000, &how, &code, &why) == -1) {
		code = known_answers();
		RC_ASSERT("ABI-003", code == KA_OK, "%s", ka_what[code]);
		return;
	}
	RC_ASSERT("ABI-003", how != RCH_SIGNALED,
	    "the first hypercalls with arguments crashed the process (signal %d): the "
	    "hypervisor and the kernel disagree on the calling convention (e.g. "
	    "-mregparm=3 on one side only) or on the interface revision", code);
	RC_ASSERT("ABI-003", how == RCH_EXITED && code >= 0 && code < KA_COUNT,
	    "the known-answer child ended oddly (exit %d)", code);
	RC_ASSERT("ABI-003", code == KA_OK, "%s: arguments arrive garbled (calling "
	    "convention or argument widths differ)", ka_what[code]);
}

RC_CASE(abi_int64_args, "ABI-004",
    "64-bit arguments (int64_t seconds and nanoseconds) arrive whole: an absolute "
    "sleep and a relative timed wait last what they say")
{
	struct rumpuser_mtx *m;
	struct rumpuser_cv *cv;
	int64_t sec, dsec;
	long nsec;
	uint64_t t0, ms;
	int error;

	RC_ASSERT_EQ("CLK-001", rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec), 0,
	    "clock_gettime(ABSMONO)");
	nsec += ABI_WAIT_MS * 1000000L;
	dsec = nsec / NSEC;
	t0 = rch_mono_ns();
	error = rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, sec + dsec, nsec - dsec * NSEC);
	ms = (rch_mono_ns() - t0) / 1000000u;
	RC_ASSERT_EQ("ABI-004", error, 0, "clock_sleep(ABSMONO, now + 25 ms)");
	RC_ASSERT("ABI-004", ms + 1 >= ABI_WAIT_MS && ms < ABI_SLACK_MS,
	    "an absolute sleep 25 ms ahead took %llu ms: the 64-bit seconds did not "
	    "arrive whole", (unsigned long long)ms);
	rumpuser_mutex_init(&m, RUMPUSER_MTX_KMUTEX);
	rumpuser_cv_init(&cv);
	rumpuser_mutex_enter(m);
	t0 = rch_mono_ns();
	error = rumpuser_cv_timedwait(cv, m, 0, (int64_t)ABI_WAIT_MS * 1000000);
	ms = (rch_mono_ns() - t0) / 1000000u;
	rumpuser_mutex_exit(m);
	rumpuser_cv_destroy(cv);
	rumpuser_mutex_destroy(m);
	RC_ASSERT_EQ("ABI-004", error, NB_ETIMEDOUT, "cv_timedwait(0 s, 25 ms)");
	RC_ASSERT("ABI-004", ms + 1 >= ABI_WAIT_MS && ms < ABI_SLACK_MS,
	    "a 25 ms timed wait took %llu ms: the int64_t timeout did not arrive whole",
	    (unsigned long long)ms);
}

/* The byte written at position i of the 512. */
static char
iov_pattern(size_t i)
{
	return (char)(i * 7 + 3);
}

/* Fill one piece of the iovec: its bytes are positions from.. of the 512. */
static void
iov_fill(char *piece, size_t len, size_t from)
{
	size_t i;

	for (i = 0; i < len; i++)
		piece[i] = iov_pattern(from + i);
}

/*
 * Write 512 patterned bytes at off through a 3-piece iovec and read them
 * back at off in 2 pieces: 0, or which step went wrong (see far_what).
 * With far set, also check that they did not land at offset 512.
 */
static int
iov_write_read(int fd, int64_t off, int far)
{
	static char a[100], b[300], c[112], back[512];
	struct rumpuser_iovec wv[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	struct rumpuser_iovec rv[2] = { { back, 256 }, { back + 256, 256 } };
	size_t n = 0, i;

	iov_fill(a, sizeof(a), 0);
	iov_fill(b, sizeof(b), sizeof(a));
	iov_fill(c, sizeof(c), sizeof(a) + sizeof(b));
	if (rumpuser_iovwrite(fd, wv, 3, off, &n) != 0 || n != 512)
		return 1;
	if (far && (rumpuser_iovread(fd, rv, 2, 512, &n) != 0 || (n == 512 && back[0] == iov_pattern(0))))
		return 2;
	rc_memset(back, 0, sizeof(back));
	if (rumpuser_iovread(fd, rv, 2, off, &n) != 0 || n != 512)
		return 3;
	for (i = 0; i < 512; i++)
		if (back[i] != iov_pattern(i))
			return 4;
	return 0;
}

/* A scratch file for the iovec cases; -1 after failing or skipping. */
static int
iov_scratch(const char *name, const char *id)
{
	char path[512];
	const char *dir, *why;
	int fd, error;

	if ((dir = rch_tmpdir(&why)) == NULL) {
		rc_skip(why);
		return -1;
	}
	rc_snprintf(path, sizeof(path), "%s/%s", dir, name);
	error = rumpuser_open(path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_CREATE, &fd);
	if (error == NB_ENOSYS) {
		rc_skip("the target has no file I/O (rumpuser_open returned ENOSYS)");
		return -1;
	}
	if (!RC_EXPECT(id, error == 0, "rumpuser_open of a scratch file = %d", error))
		return -1;
	return fd;
}

RC_CASE(abi_iovec_round_trip, "ABI-001",
    "the hypervisor reads and fills struct rumpuser_iovec as laid out: a 3-piece "
    "iovwrite at offset 0 reads back byte for byte through 2 pieces")
{
	static const char *const what[] = { "", "iovwrite of a 3-piece iovec failed or "
	    "was short", "", "iovread into a 2-piece iovec failed or was short",
	    "the bytes read back differ from those written" };
	int fd, r;

	if ((fd = iov_scratch("abi-near.img", "ABI-001")) == -1)
		return;
	r = iov_write_read(fd, 0, 0);
	rumpuser_close(fd);
	RC_ASSERT("ABI-001", r == 0, "%s: the hypervisor does not use the "
	    "{ iov_base, iov_len } layout", what[r]);
}

RC_CASE(abi_iov_far_offset, "ABI-001 ABI-004",
    "iovwrite/iovread take a 3-piece iovec at a 64-bit offset beyond 4 GiB and "
    "put the bytes exactly there")
{
	static const char *const what[] = { "", "iovwrite of 512 bytes at 4 GiB + 512 failed",
	    "the data written at 4 GiB + 512 appeared at offset 512: the 64-bit offset was cut to 32 bits",
	    "iovread at 4 GiB + 512 failed", "the bytes read back differ: the iovec layout is not read as written" };
	int fd, r;

	if ((fd = iov_scratch("abi-far.img", "ABI-004")) == -1)
		return;
	r = iov_write_read(fd, ((int64_t)1 << 32) + 512, 1);
	rumpuser_close(fd);
	RC_ASSERT("ABI-001", r != 4, "%s", what[r]);
	RC_ASSERT("ABI-004", r == 0, "%s", what[r]);
}

static void
do_nothing(void *arg)
{
	(void)arg;
}

/*
 * The shim hands every out-parameter to the target inside guard bytes and
 * checks them after the call (ABI-250), and checks that the init calls
 * store a handle (ABI-251); this case makes each such call once.
 */
RC_CASE(abi_out_params, "ABI-250 ABI-251",
    "out-parameters are written within their own size; init calls store a handle")
{
	struct rumpuser_mtx *m = NULL;
	struct rumpuser_rw *rw = NULL;
	struct rumpuser_cv *cv = NULL;
	const char *dir, *why;
	uint64_t size;
	int64_t sec;
	long nsec;
	int type;

	rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec);
	rumpuser_clock_gettime(RUMPUSER_CLOCK_RELWALL, &sec, &nsec);
	if ((dir = rch_tmpdir(&why)) != NULL)
		rumpuser_getfileinfo(dir, &size, &type);
	rc_join(rc_spawn(do_nothing, NULL, "rc_outparam"));
	rumpuser_mutex_init(&m, RUMPUSER_MTX_KMUTEX);
	rumpuser_rw_init(&rw);
	rumpuser_cv_init(&cv);
	RC_BAIL();
	rumpuser_cv_destroy(cv);
	rumpuser_rw_destroy(rw);
	rumpuser_mutex_destroy(m);
}

static const struct rc_case *const cases[] = {
	RC_REF(abi_hyperup_layout), RC_REF(abi_iovec_layout), RC_REF(abi_hyperup_slots),
	RC_REF(abi_known_answers), RC_REF(abi_int64_args), RC_REF(abi_iovec_round_trip),
	RC_REF(abi_iov_far_offset), RC_REF(abi_out_params), NULL
};
const struct rc_area rc_area_abi = { "abi", cases };
