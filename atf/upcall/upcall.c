/*
 * upcall.c -- the scheduling discipline around hypercalls: which calls give
 * the virtual CPU away while they block, what they hand to
 * hyp_backend_unschedule, which never give it away, and the component
 * helpers that move a host thread into and out of the kernel.
 *
 * The shim and the mock kernel check UPC-001..007 on every call; these
 * cases make sure each class of call is actually exercised.
 */
#include "../mutex/lockhelp.h"

#define MS	1000000L	/* nanoseconds */

/* Fail unless stmt left the virtual CPU alone. */
#define KEEPS_CPU_ID(id, what, stmt) do {				\
	unsigned long u_ = mk_unsched_count();				\
	stmt;								\
	RC_ASSERT(id, mk_unsched_count() == u_,				\
	    "%s released the virtual CPU; it must never", what);	\
} while (0)
#define KEEPS_CPU(what, stmt) KEEPS_CPU_ID("UPC-002", what, stmt)

/* CPU releases during stmt, into n. */
#define RELEASES(n, stmt) do {						\
	unsigned long u_ = mk_unsched_count();				\
	stmt;								\
	(n) = (long)(mk_unsched_count() - u_);				\
} while (0)

/* Sleep on the ABSMONO clock until ns from now. */
static int
sleep_absmono(long ns)
{
	int64_t sec;
	long nsec;
	int rv = rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec);

	if (rv != 0)
		return rv;
	nsec += ns;
	sec += nsec / 1000000000L;
	nsec %= 1000000000L;
	return rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, sec, nsec);
}

/* The caller's big-lock depth must survive a blocking call. */
static void
check_blocking(const char *id, const char *what, long released, int locks_before, int rv)
{
	RC_ASSERT("UPC-001", mk_has_cpu(), "%s returned without the virtual CPU", what);
	RC_ASSERT_EQ("UPC-003", lh_biglocks(), locks_before, "big-lock depth after the call");
	RC_ASSERT_EQ(id, rv, 0, what);
	RC_ASSERT(id, released > 0, "%s blocked holding the virtual CPU", what);
}

RC_CASE(upc_clock_sleep_relwall, "UPC-010 UPC-001 UPC-003",
    "clock_sleep(RELWALL, 5 ms) releases the virtual CPU and returns holding it, locks intact")
{
	int locks = lh_biglocks(), rv;
	long n;

	RELEASES(n, rv = rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 5 * MS));
	check_blocking("UPC-010", "clock_sleep(RELWALL)", n, locks, rv);
}

RC_CASE(upc_clock_sleep_absmono, "UPC-011 UPC-001 UPC-003",
    "clock_sleep(ABSMONO, now + 5 ms) releases the virtual CPU and returns holding it")
{
	int locks = lh_biglocks(), rv;
	long n;

	RELEASES(n, rv = sleep_absmono(5 * MS));
	check_blocking("UPC-011", "clock_sleep(ABSMONO)", n, locks, rv);
}

struct joinee {
	uint64_t end_ns;
};

static void
joinee_fn(void *a)
{
	struct joinee *j = a;

	rc_sleep_ms(50);
	rc_store(&j->end_ns, rch_mono_ns());
}

RC_CASE(upc_thread_join_running, "UPC-012 UPC-001 UPC-003",
    "thread_join of a thread that is still running releases the virtual CPU while it waits")
{
	struct joinee j;
	struct rc_thread *t;
	uint64_t start;
	int i, locks = lh_biglocks();
	long n = -1;

	for (i = 0; i < LH_CONTEND_TRIES && n < 0; i++) {
		j.end_ns = 0;
		t = rc_spawn(joinee_fn, &j, "rc_joinee");
		RC_BAIL();
		start = rch_mono_ns();
		RELEASES(n, rc_join(t));
		if (start >= rc_load(&j.end_ns))
			n = -1;		/* it had finished already */
	}
	RC_BAIL();
	if (n < 0)
		RC_SKIP("could not join a thread while it still ran on this host");
	check_blocking("UPC-012", "thread_join", n, locks, 0);
}

/*
 * Recording what blocking calls hand to hyp_backend_unschedule: these
 * cases boot with a table whose backend_unschedule notes the arguments
 * of the main lwp's calls, then forwards to the mock kernel.
 */
static struct {
	struct lwp *l;		/* only this lwp's calls are noted, */
	int on;			/* and only while the call under test runs */
	void *want_il;
	int calls, bad_nlocks, bad_il;
	int last_nlocks;
	void *last_il;
} rec;
static struct rumpuser_hyperup rec_table;

static void
rec_backend_unschedule(int nlocks, int *countp, void *interlock)
{
	if (rec.on && mk_curlwp() == rec.l) {
		rec.calls++;
		if (nlocks != 0) {
			rec.bad_nlocks++;
			rec.last_nlocks = nlocks;
		}
		if (interlock != rec.want_il) {
			rec.bad_il++;
			rec.last_il = interlock;
		}
	}
	mk_table()->hyp_backend_unschedule(nlocks, countp, interlock);
}

static struct lwp *
rec_boot(void)
{
	struct lwp *l;
	int error;

	rec_table = *mk_table();
	rec_table.hyp_backend_unschedule = rec_backend_unschedule;
	error = RC_RAW(init)(RUMPUSER_VERSION, &rec_table);
	if (error != 0) {
		rc_fail("INI-001", __FILE__, __LINE__, "rumpuser_init(17) returned %d", error);
		return NULL;
	}
	l = mk_lwp_create();
	mk_enter(l);
	rec.l = l;
	return l;
}

/* Note backend_unschedule calls during stmt only. */
#define RECORDED(stmt) do { rec.on = 1; stmt; rec.on = 0; } while (0)

static void
rec_shutdown(struct lwp *l)
{
	rec.l = NULL;
	mk_leave();
	mk_lwp_destroy(l);
}

/* One blocking call of each class, on shared locks. */
struct blockctx {
	struct lh_cv c;
	struct rumpuser_rw *rw;
};

static void
op_sleep_relwall(struct blockctx *b)
{
	RECORDED(rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 2 * MS));
}

static void
op_sleep_absmono(struct blockctx *b)
{
	RECORDED(sleep_absmono(2 * MS));
}

static void
sleep_20ms_fn(void *a)
{
	rc_sleep_ms(20);
}

static void
op_thread_join(struct blockctx *b)
{
	struct rc_thread *t = rc_spawn(sleep_20ms_fn, NULL, "rc_joinee");

	RECORDED(rc_join(t));
}

static void
take_mutex(struct lh_holder *h)
{
	RECORDED(rumpuser_mutex_enter(h->m));
}

static void
give_mutex(struct lh_holder *h)
{
	rumpuser_mutex_exit(h->m);
}

static void
op_mutex_enter(struct blockctx *b)
{
	struct lh_holder h = { .m = b->c.m };

	lh_contended_retry(&h, take_mutex, give_mutex);
}

static void
take_rw_reader(struct lh_holder *h)
{
	RECORDED(rumpuser_rw_enter(RUMPUSER_RW_READER, h->rw));
}

static void
give_rw(struct lh_holder *h)
{
	rumpuser_rw_exit(h->rw);
}

static void
op_rw_enter(struct blockctx *b)
{
	struct lh_holder h = { .rw = b->rw, .rwop = RUMPUSER_RW_WRITER, .id = "RW-003" };

	lh_contended_retry(&h, take_rw_reader, give_rw);
}

static void
op_cv_timedwait(struct blockctx *b)
{
	rumpuser_mutex_enter(b->c.m);
	RECORDED(rumpuser_cv_timedwait(b->c.cv, b->c.m, 0, 2 * MS));
	rumpuser_mutex_exit(b->c.m);
}

static void
op_cv_wait(struct blockctx *b)
{
	struct lh_signaller s = { .c = &b->c };
	struct rc_thread *t;

	rumpuser_mutex_enter(b->c.m);
	t = rc_spawn(lh_signal_fn, &s, "rc_signaller");
	while (t != NULL && !rc_load(&s.go))
		RECORDED(rumpuser_cv_wait(b->c.cv, b->c.m));
	rumpuser_mutex_exit(b->c.m);
	rc_join(t);
}

static const struct blockop {
	const char *name;
	void (*run)(struct blockctx *);
	int cv;			/* a cv wait: the interlock is the mutex */
} blockops[] = {
	{ "clock_sleep(RELWALL)", op_sleep_relwall, 0 },
	{ "clock_sleep(ABSMONO)", op_sleep_absmono, 0 },
	{ "thread_join", op_thread_join, 0 },
	{ "contended mutex_enter", op_mutex_enter, 0 },
	{ "contended rw_enter", op_rw_enter, 0 },
	{ "cv_timedwait", op_cv_timedwait, 1 },
	{ "cv_wait", op_cv_wait, 1 },
};
#define NBLOCKOPS	(int)(sizeof(blockops) / sizeof(blockops[0]))

enum rec_check { CHECK_NLOCKS, CHECK_INTERLOCK };

/* Run the blocking calls (cv ones, other ones, or all) and judge the notes. */
static void
run_recorded(int which_cv, enum rec_check check, const char *id)
{
	struct lwp *l = rec_boot();
	struct blockctx b;
	int i, total = 0;

	if (l == NULL)
		return;
	lh_cv_setup(&b.c, RUMPUSER_MTX_KMUTEX);
	rumpuser_rw_init(&b.rw);
	for (i = 0; i < NBLOCKOPS; i++) {
		if (which_cv >= 0 && blockops[i].cv != which_cv)
			continue;
		rec.want_il = blockops[i].cv ? (void *)b.c.m : NULL;
		rec.calls = rec.bad_nlocks = rec.bad_il = 0;
		blockops[i].run(&b);
		total += rec.calls;
		if (check == CHECK_NLOCKS)
			RC_EXPECT(id, rec.bad_nlocks == 0, "%s called backend_unschedule "
			    "with nlocks %d, not 0", blockops[i].name, rec.last_nlocks);
		else
			RC_EXPECT(id, rec.bad_il == 0, "%s passed interlock %p to "
			    "backend_unschedule, want %p", blockops[i].name, rec.last_il,
			    rec.want_il);
	}
	rumpuser_rw_destroy(b.rw);
	lh_cv_teardown(&b.c);
	rec_shutdown(l);
	RC_ASSERT(id, total > 0, "none of the blocking calls called backend_unschedule");
}

RC_CASE_F(upc_nlocks_zero, "UPC-013",
    "every blocking call asks backend_unschedule to drop all big-lock levels (nlocks 0)",
    RC_F_NOBOOT)
{
	run_recorded(-1, CHECK_NLOCKS, "UPC-013");
}

RC_CASE_F(upc_interlock_null, "UPC-004",
    "blocking calls other than cv waits pass a NULL interlock to backend_unschedule",
    RC_F_NOBOOT)
{
	run_recorded(0, CHECK_INTERLOCK, "UPC-004");
}

RC_CASE_F(upc_interlock_cv_mutex, "UPC-004 CV-007",
    "cv_wait and cv_timedwait pass their mutex as the interlock to backend_unschedule",
    RC_F_NOBOOT)
{
	run_recorded(1, CHECK_INTERLOCK, "CV-007");
}

/* Several threads block at once; each must get its own lock depth back. */
#define NLK_THREADS	4
#define NLK_ROUNDS	100

struct nlk {
	struct lh_cv c;
	volatile int bad;
};

static void
nlk_fn(void *a)
{
	struct nlk *k = a;
	int mine = lh_biglocks(), i;

	for (i = 0; i < NLK_ROUNDS; i++) {
		rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MS / 10);
		if (lh_biglocks() != mine)
			rc_inc(&k->bad);
		rumpuser_mutex_enter(k->c.m);
		rumpuser_cv_timedwait(k->c.cv, k->c.m, 0, MS / 10);
		rumpuser_mutex_exit(k->c.m);
		if (lh_biglocks() != mine)
			rc_inc(&k->bad);
	}
}

RC_CASE(upc_nlocks_per_thread, "UPC-003",
    "4 threads blocking at once each get their own big-lock count back from the hypervisor")
{
	struct nlk k = { .bad = 0 };
	struct rc_thread *t[NLK_THREADS];
	int i;

	lh_cv_setup(&k.c, RUMPUSER_MTX_KMUTEX);
	for (i = 0; i < NLK_THREADS; i++)
		t[i] = rc_spawn(nlk_fn, &k, "rc_blocker");
	for (i = 0; i < NLK_THREADS; i++)
		rc_join(t[i]);
	RC_BAIL();
	RC_ASSERT("UPC-003", k.bad == 0, "%d blocking calls came back with another "
	    "thread's big-lock count (is nlocks kept in a shared variable?)", k.bad);
	lh_cv_teardown(&k.c);
}

RC_CASE(upc_nonblocking_misc, "UPC-002",
    "malloc, free, clock_gettime, getparam and getrandom never release the virtual CPU")
{
	char buf[64];
	void *p = NULL;
	int64_t sec;
	long nsec;
	size_t got;
	int rv;

	KEEPS_CPU("malloc", rv = rumpuser_malloc(100, 0, &p));
	RC_ASSERT_EQ("UPC-002", rv, 0, "malloc(100)");
	KEEPS_CPU("free", rumpuser_free(p, 100));
	KEEPS_CPU("malloc(aligned)", rv = rumpuser_malloc(8192, 4096, &p));
	RC_ASSERT_EQ("UPC-002", rv, 0, "malloc(8192, 4096)");
	KEEPS_CPU("free", rumpuser_free(p, 8192));
	KEEPS_CPU("clock_gettime(RELWALL)",
	    rumpuser_clock_gettime(RUMPUSER_CLOCK_RELWALL, &sec, &nsec));
	KEEPS_CPU("clock_gettime(ABSMONO)",
	    rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec));
	KEEPS_CPU("getparam", rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf)));
	KEEPS_CPU("getrandom", rumpuser_getrandom(buf, sizeof(buf), 0, &got));
}

RC_CASE(upc_nonblocking_mutex, "UPC-002 MTX-009",
    "mutex init, tryenter (free and busy), exit, owner, spin_p, SPIN enter and destroy keep the CPU")
{
	struct lh_holder h = { .hold_ms = LH_PATIENCE_MS };
	struct rumpuser_mtx *spin;
	struct rc_thread *t;
	struct lwp *l;
	int rv;

	KEEPS_CPU("mutex_init", rumpuser_mutex_init(&h.m, RUMPUSER_MTX_KMUTEX));
	KEEPS_CPU("mutex_tryenter (free)", rv = rumpuser_mutex_tryenter(h.m));
	RC_ASSERT_EQ("MTX-002", rv, 0, "tryenter on a free mutex");
	KEEPS_CPU("mutex_owner", rumpuser_mutex_owner(h.m, &l));
	if (rc_tgt_form == RC_FORM_2020)	/* the pre-2020 form has none */
		KEEPS_CPU("mutex_spin_p", rumpuser_mutex_spin_p(h.m));
	KEEPS_CPU("mutex_exit", rumpuser_mutex_exit(h.m));
	t = lh_hold_start(&h);
	KEEPS_CPU("mutex_tryenter (busy)", rv = rumpuser_mutex_tryenter(h.m));
	if (rv == 0)
		rumpuser_mutex_exit(h.m);
	lh_hold_stop(&h, t);
	KEEPS_CPU("mutex_init(SPIN)", rumpuser_mutex_init(&spin, RUMPUSER_MTX_SPIN));
	KEEPS_CPU_ID("MTX-009", "mutex_enter(SPIN)", rumpuser_mutex_enter(spin));
	KEEPS_CPU("mutex_exit(SPIN)", rumpuser_mutex_exit(spin));
	KEEPS_CPU("mutex_destroy", rumpuser_mutex_destroy(spin));
	KEEPS_CPU("mutex_destroy", rumpuser_mutex_destroy(h.m));
}

RC_CASE(upc_nonblocking_rw, "UPC-002",
    "rw init, tryenter (free and busy), held, tryupgrade, exit and destroy keep the CPU")
{
	struct lh_holder h = { .rwop = RUMPUSER_RW_READER, .hold_ms = LH_PATIENCE_MS,
	    .id = "RW-003" };
	struct rc_thread *t;
	int rv, held;

	KEEPS_CPU("rw_init", rumpuser_rw_init(&h.rw));
	KEEPS_CPU("rw_tryenter (free)", rv = rumpuser_rw_tryenter(RUMPUSER_RW_READER, h.rw));
	RC_ASSERT_EQ("RW-003", rv, 0, "tryenter(READER) on a free rwlock");
	KEEPS_CPU("rw_held", rumpuser_rw_held(RUMPUSER_RW_READER, h.rw, &held));
	KEEPS_CPU("rw_tryupgrade", rv = rumpuser_rw_tryupgrade(h.rw));
	KEEPS_CPU("rw_exit", rumpuser_rw_exit(h.rw));
	t = lh_hold_start(&h);
	KEEPS_CPU("rw_tryenter (busy)", rv = rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, h.rw));
	if (rv == 0)
		rumpuser_rw_exit(h.rw);
	lh_hold_stop(&h, t);
	KEEPS_CPU("rw_destroy", rumpuser_rw_destroy(h.rw));
}

RC_CASE(upc_nonblocking_cv, "UPC-002",
    "cv init, has_waiters, signal and broadcast (with a waiter) and destroy keep the CPU")
{
	struct lh_cv c;
	struct lh_sleeper s = { .c = &c };
	struct rc_thread *t;
	int n;

	KEEPS_CPU("mutex_init + cv_init", lh_cv_setup(&c, RUMPUSER_MTX_KMUTEX));
	KEEPS_CPU("cv_signal (no waiter)", rumpuser_cv_signal(c.cv));
	t = rc_spawn(lh_sleeper_fn, &s, "rc_sleeper");
	rc_wait_flag(&s.ready, LH_PATIENCE_MS);
	rumpuser_mutex_enter(c.m);
	KEEPS_CPU("cv_has_waiters", rumpuser_cv_has_waiters(c.cv, &n));
	KEEPS_CPU("cv_signal", rumpuser_cv_signal(c.cv));
	rc_store(&s.go, 1);
	KEEPS_CPU("cv_broadcast", rumpuser_cv_broadcast(c.cv));
	rumpuser_mutex_exit(c.m);
	rc_join(t);
	KEEPS_CPU("cv_destroy + mutex_destroy", lh_cv_teardown(&c));
}

/* A bare host thread that joins the kernel with component_kthread. */
struct kthr {
	int blocking;		/* also make a blocking call on the new lwp */
	struct lwp *before, *after, *comp, *gone;
	int cpu_after, implicit, pid, sleep_rv;
	long released;
};

static void
kthread_fn(void *a)
{
	struct kthr *k = a;
	const struct rumpuser_hyperup *hyp = mk_table();

	k->before = rumpuser_curlwp();
	rumpuser_component_kthread();
	k->after = mk_curlwp();
	k->cpu_after = k->after != NULL ? k->after->l_cpu : -1;
	k->implicit = k->after != NULL ? k->after->l_implicit : -1;
	k->pid = k->after != NULL ? k->after->l_pid : -1;
	k->comp = rumpuser_component_curlwp();
	if (k->blocking && k->after != NULL) {
		/* Enter the kernel on the new lwp, as a driver thread would. */
		hyp->hyp_schedule();
		RELEASES(k->released, k->sleep_rv =
		    rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 2 * MS));
		hyp->hyp_unschedule();
	}
	rumpuser_component_kthread_release();
	k->gone = rumpuser_curlwp();
}

static void
run_kthread(struct kthr *k)
{
	struct lh_raw raw;
	int error = lh_raw_start(&raw, kthread_fn, k);

	RC_ASSERT("THR-001", error == 0, "rumpuser_thread_create failed with %d", error);
	error = lh_raw_join(&raw);
	RC_ASSERT("THR-002", error == 0, "rumpuser_thread_join failed with %d", error);
}

RC_CASE(upc_component_kthread, "UPC-014 UPC-017 LWP-002",
    "component_kthread gives a bare host thread an lwp of its own and leaves it without a CPU")
{
	struct kthr k = { .blocking = 0 };

	run_kthread(&k);
	RC_BAIL();
	RC_ASSERT("LWP-002", k.before == NULL, "a new host thread has curlwp %p",
	    (void *)k.before);
	RC_ASSERT("UPC-014", k.after != NULL, "after component_kthread curlwp is NULL");
	RC_ASSERT("UPC-014", k.implicit == 0, "component_kthread left the thread on the "
	    "temporary lwp of hyp_schedule instead of calling hyp_lwproc_newlwp");
	RC_ASSERT("UPC-014", k.cpu_after == 0,
	    "component_kthread returned still holding the virtual CPU (no hyp_unschedule)");
	RC_ASSERT("UPC-014", k.pid == 0, "component_kthread asked hyp_lwproc_newlwp for "
	    "an lwp of process %d, not of proc0 (0): the kernel refuses a pid it does "
	    "not have (ESRCH), and one it has gets a stranger's thread", k.pid);
	RC_ASSERT("UPC-017", k.comp == k.after, "component_curlwp returned %p, curlwp is %p",
	    (void *)k.comp, (void *)k.after);
}

RC_CASE(upc_component_kthread_blocking, "UPC-014 UPC-007 UPC-010",
    "the lwp component_kthread gave a bare thread carries it through a blocking hypercall")
{
	struct kthr k = { .blocking = 1, .sleep_rv = -1 };

	run_kthread(&k);
	RC_BAIL();
	RC_ASSERT("UPC-014", k.after != NULL, "after component_kthread curlwp is NULL");
	RC_ASSERT_EQ("UPC-010", k.sleep_rv, 0, "clock_sleep on the component lwp");
	RC_ASSERT("UPC-010", k.released > 0, "clock_sleep kept the CPU on the component lwp");
}

RC_CASE(upc_component_kthread_release, "UPC-015",
    "component_kthread_release takes the lwp away again: curlwp is NULL afterwards")
{
	struct kthr k = { .blocking = 0 };

	run_kthread(&k);
	RC_BAIL();
	RC_ASSERT("UPC-014", k.after != NULL, "after component_kthread curlwp is NULL");
	RC_ASSERT("UPC-015", k.gone == NULL,
	    "after component_kthread_release curlwp is %p, not NULL", (void *)k.gone);
}

/* A bare host thread moving between lwps with the component helpers. */
struct lwpswitch {
	struct lwp *own, *other, *after_switch, *after_back;
	int cpu_after_curlwp, cpu_after_switch, cpu_after_back;
};

static void
switchlwp_fn(void *a)
{
	struct lwpswitch *w = a;

	rumpuser_component_kthread();
	w->own = mk_curlwp();
	(void)rumpuser_component_curlwp();
	w->cpu_after_curlwp = mk_has_cpu();
	rumpuser_component_switchlwp(w->other);
	w->after_switch = mk_curlwp();
	w->cpu_after_switch = mk_has_cpu();
	rumpuser_component_switchlwp(w->own);
	w->after_back = mk_curlwp();
	w->cpu_after_back = mk_has_cpu();
	rumpuser_component_kthread_release();
}

RC_CASE(upc_component_switchlwp, "UPC-620",
    "component_switchlwp(l) makes l the calling thread's lwp and, like component_curlwp, leaves the thread without a CPU")
{
	struct lwpswitch w = { .other = mk_lwp_create() };
	struct lh_raw raw;
	int error = lh_raw_start(&raw, switchlwp_fn, &w);

	RC_ASSERT("THR-001", error == 0, "rumpuser_thread_create failed with %d", error);
	error = lh_raw_join(&raw);
	mk_lwp_destroy(w.other);
	RC_ASSERT("THR-002", error == 0, "rumpuser_thread_join failed with %d", error);
	RC_ASSERT("UPC-014", w.own != NULL, "after component_kthread curlwp is NULL");
	RC_ASSERT("UPC-620", !w.cpu_after_curlwp,
	    "component_curlwp returned holding the virtual CPU (no hyp_unschedule)");
	RC_ASSERT("UPC-620", w.after_switch == w.other && w.after_back == w.own,
	    "component_switchlwp to lwp %p gave curlwp %p, and back to %p gave %p: the "
	    "switch (hyp_lwproc_switch) did not happen", (void *)w.other,
	    (void *)w.after_switch, (void *)w.own, (void *)w.after_back);
	RC_ASSERT("UPC-620", !w.cpu_after_switch && !w.cpu_after_back,
	    "component_switchlwp returned holding the virtual CPU (after the first switch: "
	    "%s, after the second: %s): hyp_unschedule is missing",
	    w.cpu_after_switch ? "held" : "not held", w.cpu_after_back ? "held" : "not held");
}

/* component_unschedule/schedule on the calling kernel thread. */
struct roundtrip {
	int locks, locks_back, cpu_out, cpu_back;
};

static void
roundtrip_fn(void *a)
{
	struct roundtrip *r = a;
	void *cookie;

	r->locks = lh_biglocks();
	cookie = rumpuser_component_unschedule();
	r->cpu_out = mk_has_cpu();
	rumpuser_component_schedule(cookie);
	r->cpu_back = mk_has_cpu();
	r->locks_back = lh_biglocks();
}

static void
check_roundtrip(const struct roundtrip *r, const char *where)
{
	RC_ASSERT("UPC-016", !r->cpu_out, "%s: component_unschedule kept the CPU", where);
	RC_ASSERT("UPC-016", r->cpu_back,
	    "%s: component_schedule did not take the CPU back", where);
	RC_ASSERT("UPC-016", r->locks_back == r->locks,
	    "%s: big-lock depth %d after the round trip, %d before", where,
	    r->locks_back, r->locks);
}

RC_CASE(upc_component_round_trip, "UPC-016 UPC-003",
    "component_unschedule releases the CPU and component_schedule(cookie) restores the lock depth")
{
	struct roundtrip here, there;

	roundtrip_fn(&here);
	check_roundtrip(&here, "main thread");
	RC_BAIL();
	lh_run_elsewhere(roundtrip_fn, &there);
	RC_BAIL();
	check_roundtrip(&there, "second thread");
}

/*
 * A mixed blocking workload on several kernel threads at once: every CPU
 * release is matched by exactly one take-back on the same lwp, and no
 * hypercall rebinds the caller's lwp.
 */
#define MIX_THREADS	4
#define MIX_ROUNDS	40

struct mix {
	struct rumpuser_mtx *m;
	struct rumpuser_cv *cv;
	struct rumpuser_rw *rw;
};

static void
mix_worker(void *arg)
{
	struct mix *x = arg;
	struct lwp *me = mk_curlwp();
	int i;

	for (i = 0; i < MIX_ROUNDS; i++) {
		rumpuser_mutex_enter(x->m);
		if (i % 4 == 0)
			rumpuser_cv_timedwait(x->cv, x->m, 0, 200000);
		rumpuser_cv_broadcast(x->cv);
		rumpuser_mutex_exit(x->m);
		rumpuser_rw_enter(i % 3 == 0 ? RUMPUSER_RW_WRITER : RUMPUSER_RW_READER, x->rw);
		rumpuser_rw_exit(x->rw);
		if (i % 8 == 0)
			rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 100000);
		if (!RC_EXPECT("LWP-003", rumpuser_curlwp() == me,
		    "curlwp changed from %p to %p during blocking calls",
		    (void *)me, (void *)rumpuser_curlwp()))
			return;
	}
	RC_EXPECT("UPC-005", me->l_unsched == me->l_sched && me->l_cpu,
	    "lwp %d released the CPU %lu times and took it back %lu times",
	    me->l_id, me->l_unsched, me->l_sched);
}

RC_CASE(upc_mixed_workload_balanced, "UPC-001 UPC-005 UPC-006 LWP-003",
    "under a mixed blocking workload on 4 threads every CPU release is matched by one "
    "take-back on the same lwp, and curlwp never changes")
{
	struct rc_thread *t[MIX_THREADS];
	struct mix x;
	int i;

	rumpuser_mutex_init(&x.m, RUMPUSER_MTX_KMUTEX);
	rumpuser_cv_init(&x.cv);
	rumpuser_rw_init(&x.rw);
	for (i = 0; i < MIX_THREADS; i++)
		t[i] = rc_spawn(mix_worker, &x, "rc_mix");
	for (i = 0; i < MIX_THREADS; i++)
		rc_join(t[i]);
	rumpuser_rw_destroy(x.rw);
	rumpuser_cv_destroy(x.cv);
	rumpuser_mutex_destroy(x.m);
}

/* curlwp on a raw thread: NULL, then exactly what was set, never other. */
static void
only_set_values(void *arg)
{
	struct lwp *l = mk_lwp_create();
	struct lwp *seen;
	int i;

	(void)arg;
	seen = rumpuser_curlwp();
	RC_EXPECT("LWP-004", seen == NULL, "curlwp() on a fresh thread is %p, not NULL", (void *)seen);
	rumpuser_curlwpop(RUMPUSER_LWP_SET, l);
	for (i = 0; i < 1000; i++) {
		seen = rumpuser_curlwp();
		if (!RC_EXPECT("LWP-004", seen == l, "curlwp() is %p after SET(%p)",
		    (void *)seen, (void *)l))
			break;
	}
	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, l);
	mk_lwp_destroy(l);
}

RC_CASE(upc_curlwp_only_set_values, "LWP-004",
    "curlwp() returns NULL or exactly the lwp set on the calling thread, never another value")
{
	struct lh_raw r[3];
	int i;

	for (i = 0; i < 3; i++)
		RC_ASSERT_EQ("THR-001", lh_raw_start(&r[i], only_set_values, NULL), 0, "thread_create");
	for (i = 0; i < 3; i++)
		RC_ASSERT_EQ("THR-002", lh_raw_join(&r[i]), 0, "thread_join");
}

static const struct rc_case *const cases[] = {
	RC_REF(upc_clock_sleep_relwall), RC_REF(upc_clock_sleep_absmono),
	RC_REF(upc_thread_join_running), RC_REF(upc_nlocks_zero),
	RC_REF(upc_interlock_null), RC_REF(upc_interlock_cv_mutex),
	RC_REF(upc_nlocks_per_thread), RC_REF(upc_nonblocking_misc),
	RC_REF(upc_nonblocking_mutex), RC_REF(upc_nonblocking_rw),
	RC_REF(upc_nonblocking_cv), RC_REF(upc_component_kthread),
	RC_REF(upc_component_kthread_blocking), RC_REF(upc_component_kthread_release),
	RC_REF(upc_component_switchlwp),
	RC_REF(upc_component_round_trip), RC_REF(upc_mixed_workload_balanced),
	RC_REF(upc_curlwp_only_set_values), NULL
};
const struct rc_area rc_area_upcall = { "upcall", cases };
