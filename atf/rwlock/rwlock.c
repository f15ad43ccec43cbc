/*
 * rwlock.c -- rumpuser_rw_*: shared readers, exclusive writers, tryenter,
 * held queries from owners and others, tryupgrade, downgrade, and the
 * virtual CPU around a blocked rw_enter.
 */
#include "../mutex/lockhelp.h"

#define R	RUMPUSER_RW_READER
#define W	RUMPUSER_RW_WRITER

static const char *
opname(int op)
{
	return op == W ? "writer" : "reader";
}

static struct rumpuser_rw *
new_rw(void)
{
	struct rumpuser_rw *rw = NULL;

	rumpuser_rw_init(&rw);
	if (rw == NULL) {
		rc_fail("RW-003", __FILE__, __LINE__, "rumpuser_rw_init left the pointer NULL");
		rch_abort_case("no rwlock");
	}
	return rw;
}

static int
held(int op, struct rumpuser_rw *rw)
{
	int h = -12345;

	rumpuser_rw_held(op, rw, &h);
	return h;
}

/* Holder thread keeping rw with op until stopped. */
static struct rc_thread *
hold_rw(struct lh_holder *h, struct rumpuser_rw *rw, int op)
{
	*h = (struct lh_holder){ .rw = rw, .rwop = op, .hold_ms = 3 * LH_PATIENCE_MS,
	    .id = "RW-003" };
	return lh_hold_start(h);
}

/* What another kernel thread sees: tryenter with each op, and held. */
struct probe {
	struct rumpuser_rw *rw;
	int try_r, try_w;
	int held_r, held_w;
};

/* tryenter(op), letting go at once of a lock it got; what it returned. */
static int
try_and_exit(int op, struct rumpuser_rw *rw)
{
	int rv = rumpuser_rw_tryenter(op, rw);

	if (rv == 0)
		rumpuser_rw_exit(rw);
	return rv;
}

static void
probe_fn(void *a)
{
	struct probe *p = a;

	p->held_r = held(R, p->rw);
	p->held_w = held(W, p->rw);
	p->try_r = try_and_exit(R, p->rw);
	p->try_w = try_and_exit(W, p->rw);
}

static struct probe
probe_elsewhere(struct rumpuser_rw *rw)
{
	struct probe p = { .rw = rw };

	lh_run_elsewhere(probe_fn, &p);
	return p;
}

/* A thread that takes rw with op, says so, and holds it until released. */
struct entrant {
	struct rumpuser_rw *rw;
	int op;
	volatile int *arrived;	/* shared count of entrants that got in */
	volatile int entered;
	int held_w;		/* held(WRITER) once in, after waiting or not */
	volatile int release;
	int seen;		/* entrants in when this one stopped waiting */
	uint64_t deadline;	/* wait for want entrants, at most until then */
	int want;
};

/*
 * Nobody leaves before all want entrants arrived, so once the count
 * reaches want they all held the lock at the same moment.
 */

static void
entrant_fn(void *a)
{
	struct entrant *e = a;
	int n;

	rumpuser_rw_enter(e->op, e->rw);
	e->held_w = held(W, e->rw);
	n = rc_inc(e->arrived);
	rc_store(&e->entered, 1);
	while (n < e->want && rch_mono_ns() < e->deadline) {
		rc_sleep_ms(1);
		n = rc_load(e->arrived);
	}
	e->seen = n;
	while (!rc_load(&e->release))
		rc_sleep_ms(1);
	rumpuser_rw_exit(e->rw);
}

#define NREADERS	3

RC_CASE(rw_readers_concurrent, "RW-001",
    "3 threads hold the same rwlock as readers at the same time")
{
	struct rumpuser_rw *rw = new_rw();
	struct entrant e[NREADERS];
	struct rc_thread *t[NREADERS];
	volatile int arrived = 0;
	uint64_t deadline = rch_mono_ns() + lh_ns(LH_PATIENCE_MS);
	int i, least = NREADERS;

	for (i = 0; i < NREADERS; i++) {
		e[i] = (struct entrant){ .rw = rw, .op = R, .arrived = &arrived,
		    .deadline = deadline, .want = NREADERS, .release = 1 };
		t[i] = rc_spawn(entrant_fn, &e[i], "rc_reader");
	}
	for (i = 0; i < NREADERS; i++) {
		rc_join(t[i]);
		if (e[i].seen < least)
			least = e[i].seen;
	}
	RC_BAIL();
	RC_ASSERT("RW-001", least == NREADERS,
	    "a reader saw only %d of %d readers inside: readers are serialised",
	    least, NREADERS);
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_tryenter_reader_shared, "RW-001 RW-003",
    "while one thread holds a read lock another thread's tryenter(READER) returns 0")
{
	struct rumpuser_rw *rw = new_rw();
	struct probe p;

	rumpuser_rw_enter(R, rw);
	p = probe_elsewhere(rw);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-001", p.try_r == 0,
	    "tryenter(READER) returned %d while only a reader held the lock", p.try_r);
	RC_ASSERT("RW-003", p.try_w != 0,
	    "tryenter(WRITER) returned 0 while a reader held the lock");
	rumpuser_rw_destroy(rw);
}

/*
 * Hold rw with hold_op here; another thread rw_enter()s with want_op.
 * It must stay out while we hold and get in once we let go.
 */
static void
check_excluded(int hold_op, int want_op)
{
	struct rumpuser_rw *rw = new_rw();
	volatile int arrived = 0;
	struct entrant e = { .rw = rw, .op = want_op, .arrived = &arrived, .release = 1 };
	struct rc_thread *t;
	int early;

	rumpuser_rw_enter(hold_op, rw);
	t = rc_spawn(entrant_fn, &e, "rc_entrant");
	rc_sleep_ms(LH_SETTLE_MS);
	early = rc_load(&e.entered);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-002", !early, "a %s got in while this thread held the lock as %s",
	    opname(want_op), opname(hold_op));
	RC_ASSERT("RW-011", rc_wait_flag(&e.entered, LH_PATIENCE_MS),
	    "the blocked %s did not get in within %d ms of rw_exit",
	    opname(want_op), LH_PATIENCE_MS);
	rc_join(t);
	/* The entrant had to wait: the contended path records the writer too. */
	if (want_op == W)
		RC_ASSERT("RW-004", e.held_w != 0, "held(WRITER) is 0 for a writer that "
		    "got in after waiting for a %s: only the uncontended enter records "
		    "the owner, and the kernel's rw_write_held() fails", opname(hold_op));
	else
		RC_ASSERT_EQ("RW-004", e.held_w, 0, "held(WRITER) for a reader that got "
		    "in after waiting for a writer");
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_writer_excludes_reader, "RW-002 RW-011 RW-004",
    "a reader blocks while a writer holds the lock and gets in after rw_exit")
{
	check_excluded(W, R);
}

RC_CASE(rw_writer_excludes_writer, "RW-002 RW-011 RW-004",
    "a writer blocks while another writer holds the lock and gets in after rw_exit")
{
	check_excluded(W, W);
}

RC_CASE(rw_reader_excludes_writer, "RW-002 RW-011 RW-004",
    "a writer blocks while a reader holds the lock and gets in after rw_exit")
{
	check_excluded(R, W);
}

RC_CASE(rw_tryenter_free, "RW-003",
    "tryenter on a free rwlock returns 0 for WRITER and for READER and takes the lock")
{
	struct rumpuser_rw *rw = new_rw();
	struct probe p;
	int rv, op;

	for (op = R; op <= W; op++) {
		rv = rumpuser_rw_tryenter(op, rw);
		RC_ASSERT("RW-003", rv == 0,
		    "tryenter(%s) on a free rwlock returned %d", opname(op), rv);
		p = probe_elsewhere(rw);
		rumpuser_rw_exit(rw);
		RC_ASSERT("RW-003", p.try_w != 0,
		    "after tryenter(%s) returned 0 another thread could still write-lock",
		    opname(op));
	}
	rumpuser_rw_destroy(rw);
}

/*
 * While another thread holds rw with held_op, tryenter from this one with
 * the other op and then with held_op, letting go of what it got.
 */
static void
try_while_held(struct rumpuser_rw *rw, int held_op, int *try_r, int *try_w)
{
	struct lh_holder h;
	struct rc_thread *t = hold_rw(&h, rw, held_op);

	if (held_op == W) {
		*try_r = try_and_exit(R, rw);
		*try_w = try_and_exit(W, rw);
	} else {
		*try_w = try_and_exit(W, rw);
		*try_r = try_and_exit(R, rw);
	}
	lh_hold_stop(&h, t);
}

RC_CASE(rw_tryenter_write_held, "RW-003 RW-002",
    "while another thread write-holds the lock tryenter(READER) and tryenter(WRITER) fail")
{
	struct rumpuser_rw *rw = new_rw();
	int try_r, try_w;

	try_while_held(rw, W, &try_r, &try_w);
	RC_BAIL();
	RC_ASSERT("RW-002", try_r != 0, "tryenter(READER) returned 0 on a write-held lock");
	RC_ASSERT("RW-003", try_w != 0, "tryenter(WRITER) returned 0 on a write-held lock");
	try_w = rumpuser_rw_tryenter(W, rw);
	RC_ASSERT("RW-003", try_w == 0,
	    "tryenter(WRITER) returned %d after the writer let go", try_w);
	rumpuser_rw_exit(rw);
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_tryenter_read_held, "RW-003 RW-001",
    "while another thread read-holds the lock tryenter(WRITER) fails and tryenter(READER) works")
{
	struct rumpuser_rw *rw = new_rw();
	int try_r, try_w;

	try_while_held(rw, R, &try_r, &try_w);
	RC_BAIL();
	RC_ASSERT("RW-003", try_w != 0, "tryenter(WRITER) returned 0 on a read-held lock");
	RC_ASSERT("RW-001", try_r == 0,
	    "tryenter(READER) returned %d on a lock only a reader held", try_r);
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_held_writer_owner, "RW-004",
    "held(WRITER) is non-zero for the writer after rw_enter and after tryenter, 0 after exit")
{
	struct rumpuser_rw *rw = new_rw();
	int h;

	rumpuser_rw_enter(W, rw);
	h = held(W, rw);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-004", h != 0, "held(WRITER) is 0 for the thread that write-entered");
	RC_ASSERT_EQ("RW-004", held(W, rw), 0, "held(WRITER) after rw_exit");
	RC_ASSERT_EQ("RW-003", rumpuser_rw_tryenter(W, rw), 0, "tryenter(WRITER) on a free lock");
	h = held(W, rw);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-004", h != 0, "held(WRITER) is 0 after a successful tryenter(WRITER)");
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_held_writer_other_thread, "RW-004",
    "held(WRITER) is 0 in a thread that does not hold the lock while another thread writes")
{
	struct rumpuser_rw *rw = new_rw();
	struct probe p;

	rumpuser_rw_enter(W, rw);
	p = probe_elsewhere(rw);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-004", p.held_w == 0,
	    "held(WRITER) is %d in a thread that is not the writer", p.held_w);
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_held_writer_as_reader, "RW-004 RW-005",
    "a thread holding the lock as reader sees held(WRITER) 0 and held(READER) non-zero")
{
	struct rumpuser_rw *rw = new_rw();
	int hw, hr;

	rumpuser_rw_enter(R, rw);
	hw = held(W, rw);
	hr = held(R, rw);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-004", hw == 0, "held(WRITER) is %d for a reader", hw);
	RC_ASSERT("RW-005", hr != 0, "held(READER) is 0 for the reader itself");
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_held_reader_any, "RW-005",
    "held(READER) is non-zero in every thread while any thread holds the lock as reader")
{
	struct rumpuser_rw *rw = new_rw();
	struct lh_holder h;
	struct rc_thread *t;
	struct probe p;
	int mine;

	rumpuser_rw_enter(R, rw);
	p = probe_elsewhere(rw);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-005", p.held_r != 0,
	    "held(READER) is 0 in another thread while this one reads");
	t = hold_rw(&h, rw, R);
	mine = held(R, rw);
	lh_hold_stop(&h, t);
	RC_BAIL();
	RC_ASSERT("RW-005", mine != 0,
	    "held(READER) is 0 here while another thread reads");
	RC_ASSERT_EQ("RW-005", held(R, rw), 0, "held(READER) once the reader left");
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_held_free, "RW-004 RW-005",
    "held(READER) and held(WRITER) are 0 on a new rwlock and after a writer and a reader left")
{
	struct rumpuser_rw *rw = new_rw();
	int op;

	RC_ASSERT_EQ("RW-005", held(R, rw), 0, "held(READER) on a new lock");
	RC_ASSERT_EQ("RW-004", held(W, rw), 0, "held(WRITER) on a new lock");
	for (op = W; op >= R; op--) {
		rumpuser_rw_enter(op, rw);
		rumpuser_rw_exit(rw);
		RC_ASSERT_EQ("RW-005", held(R, rw), 0, "held(READER) after enter/exit");
		RC_ASSERT_EQ("RW-004", held(W, rw), 0, "held(WRITER) after enter/exit");
	}
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_tryupgrade_sole_reader, "RW-006",
    "tryupgrade by the only reader either makes it the writer or leaves it a reader")
{
	struct rumpuser_rw *rw = new_rw();
	struct probe p;
	int rv, hw, hr;

	rumpuser_rw_enter(R, rw);
	rv = rumpuser_rw_tryupgrade(rw);
	hw = held(W, rw);
	hr = held(R, rw);
	p = probe_elsewhere(rw);
	rumpuser_rw_exit(rw);
	rc_note("tryupgrade by the sole reader returned %d\n", rv);
	if (rv == 0) {
		RC_ASSERT("RW-006", hw != 0, "after a successful tryupgrade held(WRITER) is 0");
		RC_ASSERT("RW-006", p.try_r != 0,
		    "after a successful tryupgrade another thread could still read-lock");
	} else {
		RC_ASSERT("RW-006", hw == 0, "after a failed tryupgrade held(WRITER) is %d", hw);
		RC_ASSERT("RW-006", hr != 0, "after a failed tryupgrade the lock is not read-held");
		RC_ASSERT("RW-006", p.try_w != 0,
		    "after a failed tryupgrade another thread could write-lock");
	}
	RC_ASSERT_EQ("RW-006", rumpuser_rw_tryenter(W, rw), 0,
	    "tryenter(WRITER) once the (upgraded) holder exited");
	rumpuser_rw_exit(rw);
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_tryupgrade_other_reader, "RW-007 RW-500 RW-006",
    "tryupgrade fails while another thread also holds the lock as reader")
{
	struct rumpuser_rw *rw = new_rw();
	struct lh_holder h;
	struct rc_thread *t = hold_rw(&h, rw, R);
	int rv, hw = 0;

	rumpuser_rw_enter(R, rw);
	rv = rumpuser_rw_tryupgrade(rw);
	if (rv == 0)
		hw = 1;
	else
		hw = held(W, rw);
	rumpuser_rw_exit(rw);
	lh_hold_stop(&h, t);
	RC_BAIL();
	RC_ASSERT("RW-007", rv != 0,
	    "tryupgrade returned 0 while another reader held the lock: writer and reader coexist");
	RC_EXPECT("RW-500", rv == LH_EBUSY, "tryupgrade refused while another thread "
	    "reads returned %d, not NetBSD EBUSY (16)", rv);
	RC_ASSERT("RW-006", hw == 0, "after a failed tryupgrade held(WRITER) is %d", hw);
	RC_ASSERT_EQ("RW-003", rumpuser_rw_tryenter(W, rw), 0,
	    "tryenter(WRITER) once both readers exited");
	rumpuser_rw_exit(rw);
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_downgrade_keeps_writer_out, "RW-008 RW-009 RW-011",
    "a writer waiting during rw_downgrade stays out until the downgraded reader exits")
{
	struct rumpuser_rw *rw = new_rw();
	volatile int arrived = 0;
	struct entrant e = { .rw = rw, .op = W, .arrived = &arrived, .release = 1 };
	struct rc_thread *t;
	int early, during, hr, hw;

	rumpuser_rw_enter(W, rw);
	t = rc_spawn(entrant_fn, &e, "rc_writer");
	rc_sleep_ms(LH_SETTLE_MS);	/* the writer is now blocked in rw_enter */
	early = rc_load(&e.entered);
	rumpuser_rw_downgrade(rw);
	hr = held(R, rw);
	hw = held(W, rw);
	rc_sleep_ms(LH_SETTLE_MS);
	during = rc_load(&e.entered);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-002", !early, "a writer got in while this thread held the write lock");
	RC_ASSERT("RW-008", !during,
	    "the waiting writer got in during or after rw_downgrade while the reader still held it");
	RC_ASSERT("RW-009", hr != 0, "after rw_downgrade held(READER) is 0");
	RC_ASSERT("RW-009", hw == 0, "after rw_downgrade held(WRITER) is still %d", hw);
	RC_ASSERT("RW-011", rc_wait_flag(&e.entered, LH_PATIENCE_MS),
	    "the waiting writer did not get in within %d ms of the reader's exit", LH_PATIENCE_MS);
	rc_join(t);
	rumpuser_rw_destroy(rw);
}

/* Start n entrants taking rw with ops[i]; they hold it until released. */
static void
entrants_start(struct entrant *e, struct rc_thread **t, const int *ops, int n,
    struct rumpuser_rw *rw, volatile int *arrived)
{
	int i;

	for (i = 0; i < n; i++) {
		e[i] = (struct entrant){ .rw = rw, .op = ops[i], .arrived = arrived };
		t[i] = rc_spawn(entrant_fn, &e[i], "rc_entrant");
	}
}

static void
entrants_stop(struct entrant *e, struct rc_thread **t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		rc_store(&e[i].release, 1);
	for (i = 0; i < n; i++)
		rc_join(t[i]);
}

RC_CASE(rw_downgrade_admits_waiting_readers, "RW-200 RW-002",
    "readers already waiting for the write lock get in after rw_downgrade, while the downgrader still reads")
{
	static const int ops[2] = { R, R };
	struct rumpuser_rw *rw = new_rw();
	volatile int arrived = 0;
	struct entrant e[2];
	struct rc_thread *t[2];
	int early, in;

	rumpuser_rw_enter(W, rw);
	entrants_start(e, t, ops, 2, rw, &arrived);
	rc_sleep_ms(LH_SETTLE_MS);	/* both readers now wait in rw_enter */
	early = rc_load(&arrived);
	rumpuser_rw_downgrade(rw);
	in = lh_wait_count(&arrived, 2, LH_PATIENCE_MS);
	rumpuser_rw_exit(rw);
	entrants_stop(e, t, 2);
	RC_ASSERT("RW-002", early == 0, "a reader got in while this thread held the write lock");
	RC_ASSERT("RW-200", in == 2, "%d of the 2 readers waiting for the write lock got in within "
	    "%d ms of rw_downgrade, while it was a read lock: downgrade does not let waiting "
	    "readers in", in, LH_PATIENCE_MS);
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_held_reader_while_written, "RW-201 RW-004",
    "held(READER) is 0 while the lock is held for writing, in the writer and elsewhere, "
    "also while a reader and a writer wait for it")
{
	static const int ops[2] = { R, W };
	struct rumpuser_rw *rw = new_rw();
	volatile int arrived = 0;
	struct entrant e[2];
	struct rc_thread *t[2];
	struct probe p;
	int mine, busy_r, busy_w;

	rumpuser_rw_enter(W, rw);
	mine = held(R, rw);
	p = probe_elsewhere(rw);
	entrants_start(e, t, ops, 2, rw, &arrived);
	rc_sleep_ms(LH_SETTLE_MS);	/* a reader and a writer wait in rw_enter */
	busy_r = held(R, rw);
	busy_w = held(W, rw);
	rumpuser_rw_exit(rw);
	entrants_stop(e, t, 2);
	RC_ASSERT("RW-201", mine == 0, "held(READER) is %d for the writer itself: the kernel's "
	    "rw_read_held() is true for a write-held lock", mine);
	RC_ASSERT("RW-201", p.held_r == 0, "held(READER) is %d in another thread while the lock "
	    "is write-held", p.held_r);
	RC_ASSERT("RW-201", busy_r == 0, "held(READER) is %d for the writer while others wait",
	    busy_r);
	RC_ASSERT("RW-004", busy_w != 0, "held(WRITER) is 0 for the writer while others wait");
	rumpuser_rw_destroy(rw);
}

RC_CASE(rw_downgrade_read_held, "RW-009",
    "after rw_downgrade the lock is a read lock: other readers may join, writers may not")
{
	struct rumpuser_rw *rw = new_rw();
	struct probe p;

	rumpuser_rw_enter(W, rw);
	rumpuser_rw_downgrade(rw);
	p = probe_elsewhere(rw);
	rumpuser_rw_exit(rw);
	RC_ASSERT("RW-009", p.try_r == 0,
	    "another reader could not join the downgraded lock (tryenter %d)", p.try_r);
	RC_ASSERT("RW-009", p.try_w != 0, "a writer got the downgraded lock");
	RC_ASSERT("RW-009", p.held_r != 0, "held(READER) seen elsewhere is 0 after downgrade");
	RC_ASSERT_EQ("RW-009", rumpuser_rw_tryenter(W, rw), 0,
	    "tryenter(WRITER) once the downgraded reader exited");
	rumpuser_rw_exit(rw);
	rumpuser_rw_destroy(rw);
}

static void
take_rw_reader(struct lh_holder *h)
{
	rumpuser_rw_enter(R, h->rw);
}

static void
take_rw_writer(struct lh_holder *h)
{
	rumpuser_rw_enter(W, h->rw);
}

static void
give_rw(struct lh_holder *h)
{
	rumpuser_rw_exit(h->rw);
}

static void
check_blocked_unschedules(int hold_op, void (*take)(struct lh_holder *), const char *what)
{
	struct lh_holder h = { .rw = new_rw(), .rwop = hold_op, .id = "RW-003" };
	long n = lh_contended_retry(&h, take, give_rw);

	RC_BAIL();
	if (n < 0)
		RC_SKIP("could not make rw_enter wait for a holder on this host");
	RC_ASSERT("RW-010", n > 0, "%s blocked holding the virtual CPU", what);
	rumpuser_rw_destroy(h.rw);
}

RC_CASE(rw_enter_reader_blocked_unschedules, "RW-010 UPC-001 UPC-003",
    "rw_enter(READER) waiting for a writer releases the virtual CPU while it waits")
{
	check_blocked_unschedules(W, take_rw_reader, "rw_enter(READER) waiting for a writer");
}

RC_CASE(rw_enter_writer_blocked_unschedules, "RW-010 UPC-001 UPC-003",
    "rw_enter(WRITER) waiting for a reader releases the virtual CPU while it waits")
{
	check_blocked_unschedules(R, take_rw_writer, "rw_enter(WRITER) waiting for a reader");
}

RC_CASE(rw_exit_wakes_all_readers, "RW-011 RW-001 RW-002",
    "3 readers blocked behind a writer all get in, together, after the writer exits")
{
	struct rumpuser_rw *rw = new_rw();
	struct entrant e[NREADERS];
	struct rc_thread *t[NREADERS];
	volatile int arrived = 0;
	int i, early, least = NREADERS;

	rumpuser_rw_enter(W, rw);
	for (i = 0; i < NREADERS; i++) {
		e[i] = (struct entrant){ .rw = rw, .op = R, .arrived = &arrived,
		    .want = NREADERS, .release = 1 };
		t[i] = rc_spawn(entrant_fn, &e[i], "rc_reader");
	}
	rc_sleep_ms(LH_SETTLE_MS);
	early = rc_load(&arrived);
	for (i = 0; i < NREADERS; i++)
		e[i].deadline = rch_mono_ns() + lh_ns(LH_PATIENCE_MS);
	rumpuser_rw_exit(rw);
	for (i = 0; i < NREADERS; i++) {
		rc_join(t[i]);
		if (e[i].seen < least)
			least = e[i].seen;
	}
	RC_ASSERT("RW-002", early == 0, "%d readers got in while a writer held the lock", early);
	RC_ASSERT("RW-001", least > 1, "the readers never held the lock together");
	RC_ASSERT("RW-011", least == NREADERS,
	    "after the writer exited a reader saw only %d of %d readers inside", least, NREADERS);
	rumpuser_rw_destroy(rw);
}

/*
 * Stress: threads pick reader, writer, tryenter, tryupgrade and downgrade
 * at random and check the invariant "one writer alone, or only readers".
 */
#define STRESS_THREADS	4
#define STRESS_ITERS	20000

struct stress {
	struct rumpuser_rw *rw;
	volatile int readers, writers;
	volatile int bad;
	uint64_t seed;
};

static void
stress_check(struct stress *s, int writing)
{
	int r = rc_load(&s->readers), w = rc_load(&s->writers);

	if (writing ? (w != 1 || r != 0) : (w != 0 || r < 1))
		rc_inc(&s->bad);
}

static void
stress_write(struct stress *s, uint64_t pick)
{
	rc_inc(&s->writers);
	stress_check(s, 1);
	if (pick % 3 == 0) {
		/* Become a reader while no one else can be inside yet. */
		__atomic_sub_fetch(&s->writers, 1, __ATOMIC_SEQ_CST);
		rc_inc(&s->readers);
		rumpuser_rw_downgrade(s->rw);
		stress_check(s, 0);
		__atomic_sub_fetch(&s->readers, 1, __ATOMIC_SEQ_CST);
	} else {
		__atomic_sub_fetch(&s->writers, 1, __ATOMIC_SEQ_CST);
	}
	rumpuser_rw_exit(s->rw);
}

static void
stress_read(struct stress *s, uint64_t pick)
{
	rc_inc(&s->readers);
	stress_check(s, 0);
	if (pick % 4 == 0 && rumpuser_rw_tryupgrade(s->rw) == 0) {
		__atomic_sub_fetch(&s->readers, 1, __ATOMIC_SEQ_CST);
		stress_write(s, 1);
		return;
	}
	__atomic_sub_fetch(&s->readers, 1, __ATOMIC_SEQ_CST);
	rumpuser_rw_exit(s->rw);
}

static void
stress_fn(void *a)
{
	struct stress *s = a;
	uint64_t seed = rc_inc(&s->seed) * 0x9e3779b97f4a7c15ull, pick;
	int i, op;

	for (i = 0; i < STRESS_ITERS; i++) {
		pick = rc_rand(&seed);
		op = pick % 4 == 0 ? W : R;
		if (pick / 4 % 4 == 0) {
			if (rumpuser_rw_tryenter(op, s->rw) != 0)
				continue;
		} else {
			rumpuser_rw_enter(op, s->rw);
		}
		if (op == W)
			stress_write(s, pick / 16);
		else
			stress_read(s, pick / 16);
	}
}

RC_CASE(rw_stress, "RW-002 RW-005",
    "4 threads x 20000 random rw operations never see a writer together with anyone else")
{
	struct stress s = { .rw = new_rw() };
	struct rc_thread *t[STRESS_THREADS];
	int i;

	for (i = 0; i < STRESS_THREADS; i++)
		t[i] = rc_spawn(stress_fn, &s, "rc_stress");
	for (i = 0; i < STRESS_THREADS; i++)
		rc_join(t[i]);
	RC_BAIL();
	RC_ASSERT("RW-002", s.bad == 0,
	    "%d times a writer shared the lock with another holder", s.bad);
	RC_ASSERT_EQ("RW-005", held(R, s.rw), 0, "held(READER) after the stress");
	rumpuser_rw_destroy(s.rw);
}

/*
 * Threads without an lwp (the kernel's trampoline, host threads): the
 * writer rw_held(WRITER) answers for is the calling host thread.  Raw
 * threads only try locks and wait on gates, which need no CPU.
 */
struct lwpless {
	struct rumpuser_rw *rw;
	struct rc_gate release;
	volatile int holding;
	int try_rv, held_holder, held_other;
};

static void
lwpless_writer_fn(void *a)
{
	struct lwpless *x = a;

	x->try_rv = rumpuser_rw_tryenter(W, x->rw);
	x->held_holder = held(W, x->rw);
	rc_store(&x->holding, 1);
	rc_gate_wait(&x->release);
	if (x->try_rv == 0)
		rumpuser_rw_exit(x->rw);
}

static void
lwpless_looker_fn(void *a)
{
	struct lwpless *x = a;

	x->held_other = held(W, x->rw);
}

RC_CASE(rw_held_writer_without_lwp, "RW-580 RW-003 RW-004",
    "held(WRITER) on lwp-less threads: non-zero in the one that write-holds the lock, 0 in another lwp-less thread and in an lwp")
{
	struct lwpless x = { .rw = new_rw() };
	struct lh_raw writer, looker;
	int error, held_lwp;

	rc_gate_init(&x.release);
	error = lh_raw_start(&writer, lwpless_writer_fn, &x);
	RC_ASSERT("THR-001", error == 0, "rumpuser_thread_create failed with %d", error);
	if (!rc_wait_flag(&x.holding, LH_PATIENCE_MS)) {
		rc_gate_open(&x.release);
		RC_ASSERT("RW-003", 0, "the lwp-less thread did not come back from "
		    "tryenter(WRITER) on a free lock within %d ms", LH_PATIENCE_MS);
	}
	if ((error = lh_raw_start(&looker, lwpless_looker_fn, &x)) == 0)
		error = lh_raw_join(&looker);
	held_lwp = held(W, x.rw);
	rc_gate_open(&x.release);
	RC_ASSERT_EQ("THR-002", lh_raw_join(&writer), 0, "rumpuser_thread_join of the writer");
	RC_ASSERT("THR-001", error == 0, "the second lwp-less thread: create or join "
	    "failed with %d", error);
	RC_ASSERT_EQ("RW-003", x.try_rv, 0, "tryenter(WRITER) of a free lock by an "
	    "lwp-less thread");
	RC_ASSERT("RW-580", x.held_holder != 0, "held(WRITER) is 0 in the lwp-less thread "
	    "that write-holds the lock: its writer was not recorded (no lwp to record)");
	RC_ASSERT("RW-580", x.held_other == 0, "held(WRITER) is %d in another lwp-less "
	    "thread while an lwp-less thread write-holds the lock: the writer is keyed on "
	    "the lwp alone, and every lwp-less thread matches the NULL lwp", x.held_other);
	RC_ASSERT("RW-004", held_lwp == 0, "held(WRITER) is %d in an lwp while an lwp-less "
	    "thread write-holds the lock", held_lwp);
	RC_ASSERT_EQ("RW-004", held(W, x.rw), 0, "held(WRITER) after the lwp-less writer exited");
	rc_gate_destroy(&x.release);
	rumpuser_rw_destroy(x.rw);
}

/*
 * tryupgrade by the only reader while other readers come and go: the
 * state it looked at changes under it, and each answer must still be
 * whole (0 and the sole writer, or non-zero and still a reader).
 */
#define CHURNERS	2
#define CHURN_MS	1000
#define YIELD_EVERY	4096

struct churn {
	struct rumpuser_rw *rw;
	volatile int stop, inside;
};

static void
churn_fn(void *a)
{
	struct churn *c = a;
	unsigned n = 0;

	while (!rc_load(&c->stop)) {
		if (++n % YIELD_EVERY == 0)
			rc_sleep_ms(0);	/* a cooperative hypervisor runs the others */
		if (rumpuser_rw_tryenter(R, c->rw) != 0)
			continue;
		rc_inc(&c->inside);
		__atomic_sub_fetch(&c->inside, 1, __ATOMIC_SEQ_CST);
		rumpuser_rw_exit(c->rw);
	}
}

/* One upgrade attempt; 0 if its outcome was whole, else a failure is recorded. */
static int
upgrade_once(struct churn *c, int *won)
{
	int rv, hw, hr, others;

	rumpuser_rw_enter(R, c->rw);
	rv = rumpuser_rw_tryupgrade(c->rw);
	hw = held(W, c->rw);
	hr = held(R, c->rw);
	others = rc_load(&c->inside);
	rumpuser_rw_exit(c->rw);
	if (rv == 0) {
		(*won)++;
		return RC_EXPECT("RW-006", hw != 0 && others == 0, "tryupgrade returned 0 "
		    "while readers came and went, yet held(WRITER) is %d and %d other "
		    "reader(s) were inside: the caller is not the sole writer", hw, others) ? 0 : -1;
	}
	return RC_EXPECT("RW-006", hw == 0 && hr != 0, "tryupgrade returned %d while "
	    "readers came and went, and then held(WRITER) is %d, held(READER) %d: the "
	    "caller must still hold exactly its read lock", rv, hw, hr) ? 0 : -1;
}

RC_CASE(rw_tryupgrade_contended, "RW-006",
    "tryupgrade by a reader while two threads keep read-entering and leaving: each result is whole (sole writer, or still a reader)")
{
	struct churn c = { .rw = new_rw() };
	struct rc_thread *t[CHURNERS];
	uint64_t end;
	int i, tries = 0, won = 0;

	for (i = 0; i < CHURNERS; i++)
		t[i] = rc_spawn(churn_fn, &c, "rc_churner");
	end = rch_mono_ns() + lh_ns(CHURN_MS);
	while (rch_mono_ns() < end && upgrade_once(&c, &won) == 0) {
		if (++tries % YIELD_EVERY == 0)
			rc_sleep_ms(0);
	}
	rc_store(&c.stop, 1);
	for (i = 0; i < CHURNERS; i++)
		if (t[i] != NULL)
			rc_join(t[i]);
	RC_BAIL();
	rc_note("%d upgrades tried under churn, %d succeeded\n", tries, won);
	RC_ASSERT_EQ("RW-006", held(R, c.rw), 0, "held(READER) after the churn");
	rumpuser_rw_destroy(c.rw);
}

static const struct rc_case *const cases[] = {
	RC_REF(rw_readers_concurrent), RC_REF(rw_tryenter_reader_shared),
	RC_REF(rw_writer_excludes_reader), RC_REF(rw_writer_excludes_writer),
	RC_REF(rw_reader_excludes_writer), RC_REF(rw_tryenter_free),
	RC_REF(rw_tryenter_write_held), RC_REF(rw_tryenter_read_held),
	RC_REF(rw_held_writer_owner), RC_REF(rw_held_writer_other_thread),
	RC_REF(rw_held_writer_as_reader), RC_REF(rw_held_reader_any),
	RC_REF(rw_held_free), RC_REF(rw_tryupgrade_sole_reader),
	RC_REF(rw_tryupgrade_other_reader), RC_REF(rw_downgrade_keeps_writer_out),
	RC_REF(rw_downgrade_read_held), RC_REF(rw_enter_reader_blocked_unschedules),
	RC_REF(rw_enter_writer_blocked_unschedules), RC_REF(rw_exit_wakes_all_readers),
	RC_REF(rw_stress), RC_REF(rw_downgrade_admits_waiting_readers),
	RC_REF(rw_held_reader_while_written), RC_REF(rw_held_writer_without_lwp),
	RC_REF(rw_tryupgrade_contended), NULL
};
const struct rc_area rc_area_rwlock = { "rwlock", cases };
