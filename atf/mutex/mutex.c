/*
 * mutex.c -- rumpuser_mutex_*: exclusion, tryenter, KMUTEX owner tracking,
 * spin_p, and what each kind of enter does with the virtual CPU.
 */
#include "lockhelp.h"

#define ADAPTIVE	RUMPUSER_MTX_KMUTEX
#define SPIN		RUMPUSER_MTX_SPIN
#define SPIN_KMUTEX	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

static const int all_flags[] = { ADAPTIVE, SPIN, SPIN_KMUTEX };
#define NFLAGS	(int)(sizeof(all_flags) / sizeof(all_flags[0]))

static struct rumpuser_mtx *
new_mutex(int flags)
{
	struct rumpuser_mtx *m = NULL;

	rumpuser_mutex_init(&m, flags);
	if (m == NULL) {
		rc_fail("MTX-002", __FILE__, __LINE__,
		    "rumpuser_mutex_init(0x%x) left the mutex pointer NULL", flags);
		rch_abort_case("no mutex");
	}
	return m;
}

/*
 * Take m by polling tryenter, so exclusion rests on tryenter alone; the
 * zero-length sleep lets a cooperative hypervisor run the holder.
 */
static void
enter_by_trying(struct rumpuser_mtx *m)
{
	while (rumpuser_mutex_tryenter(m) != 0)
		rc_sleep_ms(0);
}

/*
 * Exclusion: several threads increment a plain counter under the mutex,
 * yielding inside the critical section now and then to invite overlap.
 */
#define EXCL_THREADS	4
#define EXCL_ITERS	20000

struct excl {
	struct rumpuser_mtx *m;
	lh_enter_fn enter;
	volatile int inside;
	volatile int overlaps;
	volatile long counter;		/* protected by m */
};

static void
excl_worker(void *a)
{
	struct excl *e = a;
	long c;
	int i;

	for (i = 0; i < EXCL_ITERS; i++) {
		e->enter(e->m);
		if (rc_inc(&e->inside) != 1)
			rc_inc(&e->overlaps);
		c = e->counter;
		if (i % 16 == 0)
			rch_yield();
		e->counter = c + 1;
		__atomic_sub_fetch(&e->inside, 1, __ATOMIC_SEQ_CST);
		rumpuser_mutex_exit(e->m);
	}
}

static void
check_exclusion(int flags, lh_enter_fn enter)
{
	struct excl e = { .enter = enter };
	struct rc_thread *t[EXCL_THREADS];
	int i;

	e.m = new_mutex(flags);
	for (i = 0; i < EXCL_THREADS; i++)
		t[i] = rc_spawn(excl_worker, &e, "rc_excl");
	for (i = 0; i < EXCL_THREADS; i++)
		rc_join(t[i]);
	RC_BAIL();
	RC_ASSERT("MTX-003", enter != enter_by_trying || e.overlaps == 0, "tryenter "
	    "returned 0 on a mutex another thread held (%d overlaps)", e.overlaps);
	RC_ASSERT("MTX-001", e.overlaps == 0,
	    "two threads were inside mutex (flags 0x%x) at once %d times", flags, e.overlaps);
	RC_ASSERT_EQ("MTX-001", e.counter, (long)EXCL_THREADS * EXCL_ITERS,
	    "increments made under the mutex");
	rumpuser_mutex_destroy(e.m);
}

RC_CASE(mutex_exclusion_adaptive, "MTX-001",
    "4 threads x 20000 mutex_enter/exit on a KMUTEX mutex never overlap and lose no update")
{
	check_exclusion(ADAPTIVE, rumpuser_mutex_enter);
}

RC_CASE(mutex_exclusion_spin, "MTX-001",
    "4 threads x 20000 mutex_enter/exit on a SPIN mutex never overlap and lose no update")
{
	check_exclusion(SPIN, rumpuser_mutex_enter);
}

RC_CASE(mutex_exclusion_spin_kmutex, "MTX-001",
    "4 threads x 20000 mutex_enter/exit on a SPIN|KMUTEX mutex never overlap and lose no update")
{
	check_exclusion(SPIN_KMUTEX, rumpuser_mutex_enter);
}

RC_CASE(mutex_exclusion_nowrap, "MTX-001",
    "4 threads x 20000 mutex_enter_nowrap/exit on a SPIN mutex never overlap and lose no update")
{
	check_exclusion(SPIN, rumpuser_mutex_enter_nowrap);
}

RC_CASE(mutex_exclusion_tryenter, "MTX-001 MTX-003",
    "4 threads taking a mutex only by polling tryenter never overlap and lose no update")
{
	check_exclusion(ADAPTIVE, enter_by_trying);
}

RC_CASE(mutex_tryenter_free, "MTX-002",
    "tryenter on a free mutex of each flag type returns 0 and the mutex is then taken")
{
	struct rumpuser_mtx *m;
	int i, rv, other;

	for (i = 0; i < NFLAGS; i++) {
		m = new_mutex(all_flags[i]);
		rv = rumpuser_mutex_tryenter(m);
		RC_ASSERT("MTX-002", rv == 0,
		    "tryenter on a free mutex (flags 0x%x) returned %d, want 0", all_flags[i], rv);
		other = lh_tryenter_elsewhere(m);
		rumpuser_mutex_exit(m);
		RC_ASSERT("MTX-002", other != 0,
		    "after tryenter returned 0 another thread could still take the mutex "
		    "(flags 0x%x): tryenter did not lock it", all_flags[i]);
		rumpuser_mutex_destroy(m);
	}
}

/* tryenter while another thread holds m: non-zero, and the owner stays. */
static void
check_tryenter_busy(int flags)
{
	struct lh_holder h = { .m = new_mutex(flags), .hold_ms = LH_PATIENCE_MS };
	struct rc_thread *t = lh_hold_start(&h);
	struct lwp *owner = NULL;
	int rv;

	rv = rumpuser_mutex_tryenter(h.m);
	if (flags & RUMPUSER_MTX_KMUTEX)
		owner = lh_owner(h.m);
	if (rv == 0)
		rumpuser_mutex_exit(h.m);
	lh_hold_stop(&h, t);
	RC_BAIL();
	RC_ASSERT("MTX-003", rv != 0,
	    "tryenter returned 0 on a mutex (flags 0x%x) another thread holds", flags);
	RC_EXPECT("MTX-500", rv == LH_EBUSY, "tryenter on a mutex (flags 0x%x) another "
	    "thread holds returned %d, not NetBSD EBUSY (16): a kernel that reports the "
	    "error passes on a wrong errno", flags, rv);
	if (flags & RUMPUSER_MTX_KMUTEX)
		RC_ASSERT("MTX-003", owner == h.lwp,
		    "after a failed tryenter the owner is %p, not the holder %p",
		    (void *)owner, (void *)h.lwp);
	rv = rumpuser_mutex_tryenter(h.m);
	RC_ASSERT("MTX-002", rv == 0,
	    "tryenter returned %d after the holder let go of the mutex", rv);
	rumpuser_mutex_exit(h.m);
	rumpuser_mutex_destroy(h.m);
}

RC_CASE(mutex_tryenter_busy, "MTX-003 MTX-500 MTX-002",
    "tryenter on a KMUTEX mutex held by another thread returns non-zero and takes nothing")
{
	check_tryenter_busy(ADAPTIVE);
}

RC_CASE(mutex_tryenter_busy_spin, "MTX-003 MTX-500 MTX-002",
    "tryenter on a SPIN mutex held by another thread returns non-zero")
{
	check_tryenter_busy(SPIN);
}

RC_CASE(mutex_tryenter_by_holder, "MTX-004",
    "tryenter by the thread already holding the mutex returns non-zero (no recursion)")
{
	struct rumpuser_mtx *m = new_mutex(ADAPTIVE);
	int rv;

	rumpuser_mutex_enter(m);
	rv = rumpuser_mutex_tryenter(m);
	if (rv == 0)
		rumpuser_mutex_exit(m);	/* undo the recursion before judging */
	rumpuser_mutex_exit(m);
	RC_ASSERT("MTX-004", rv != 0,
	    "tryenter by the holder returned 0: the mutex recursed");
	rumpuser_mutex_destroy(m);
}

/*
 * m is a KMUTEX this thread just took by how: its owner must be curlwp
 * (MTX-005), and NULL once this exits it (MTX-006).
 */
static void
check_owner_then_exit(struct rumpuser_mtx *m, const char *how)
{
	struct lwp *me, *l = lh_owner(m);

	rumpuser_mutex_exit(m);
	me = rumpuser_curlwp();
	RC_ASSERT("MTX-005", l == me, "owner after %s is %p, curlwp is %p",
	    how, (void *)l, (void *)me);
	l = lh_owner(m);
	RC_ASSERT("MTX-006", l == NULL, "owner after exit is %p, not NULL", (void *)l);
}

RC_CASE(mutex_owner_after_enter, "MTX-005 MTX-006",
    "KMUTEX mutex_owner is curlwp after mutex_enter and NULL after mutex_exit")
{
	struct rumpuser_mtx *m = new_mutex(ADAPTIVE);

	rumpuser_mutex_enter(m);
	check_owner_then_exit(m, "enter");
	RC_BAIL();
	rumpuser_mutex_destroy(m);
}

RC_CASE(mutex_owner_after_tryenter, "MTX-005 MTX-006",
    "KMUTEX mutex_owner is curlwp after a successful tryenter and NULL after exit")
{
	struct rumpuser_mtx *m = new_mutex(ADAPTIVE);
	int rv;

	rv = rumpuser_mutex_tryenter(m);
	RC_ASSERT("MTX-002", rv == 0, "tryenter on a free mutex returned %d", rv);
	check_owner_then_exit(m, "tryenter");
	RC_BAIL();
	rumpuser_mutex_destroy(m);
}

RC_CASE(mutex_owner_spin_kmutex, "MTX-005 MTX-006",
    "SPIN|KMUTEX mutex_owner is curlwp after mutex_enter and after enter_nowrap, NULL after exit")
{
	struct rumpuser_mtx *m = new_mutex(SPIN_KMUTEX);

	rumpuser_mutex_enter(m);
	check_owner_then_exit(m, "enter");
	RC_BAIL();
	rumpuser_mutex_enter_nowrap(m);
	check_owner_then_exit(m, "enter_nowrap");
	RC_BAIL();
	rumpuser_mutex_destroy(m);
}

static void
enter_exit_fn(void *a)
{
	rumpuser_mutex_enter(a);
	rumpuser_mutex_exit(a);
}

RC_CASE(mutex_owner_free, "MTX-006",
    "a new KMUTEX mutex reports owner NULL, and so does one another thread entered and left")
{
	struct rumpuser_mtx *m;
	struct lwp *l;
	int i;

	for (i = 0; i < NFLAGS; i++) {
		if (!(all_flags[i] & RUMPUSER_MTX_KMUTEX))
			continue;
		m = new_mutex(all_flags[i]);
		l = lh_owner(m);
		RC_ASSERT("MTX-006", l == NULL,
		    "new mutex (flags 0x%x) reports owner %p", all_flags[i], (void *)l);
		lh_run_elsewhere(enter_exit_fn, m);
		l = lh_owner(m);
		RC_ASSERT("MTX-006", l == NULL, "mutex (flags 0x%x) another thread left "
		    "still reports owner %p", all_flags[i], (void *)l);
		rumpuser_mutex_destroy(m);
	}
}

RC_CASE(mutex_owner_other_thread, "MTX-007 MTX-006",
    "while another thread holds a KMUTEX mutex, mutex_owner reports that thread's lwp")
{
	struct lh_holder h = { .m = new_mutex(ADAPTIVE), .hold_ms = LH_PATIENCE_MS };
	struct rc_thread *t = lh_hold_start(&h);
	struct lwp *l = lh_owner(h.m);

	lh_hold_stop(&h, t);
	RC_BAIL();
	RC_ASSERT("MTX-007", l == h.lwp, "owner is %p while lwp %p holds it (curlwp %p)",
	    (void *)l, (void *)h.lwp, (void *)rumpuser_curlwp());
	l = lh_owner(h.m);
	RC_ASSERT("MTX-006", l == NULL, "owner after the holder left is %p", (void *)l);
	rumpuser_mutex_destroy(h.m);
}

struct handoff {
	struct rumpuser_mtx *m;
	struct lwp *self, *seen;
	volatile int got, release;
};

static void
handoff_fn(void *a)
{
	struct handoff *h = a;

	h->self = rumpuser_curlwp();
	rumpuser_mutex_enter(h->m);
	h->seen = lh_owner(h->m);
	rc_store(&h->got, 1);
	while (!rc_load(&h->release))
		rc_sleep_ms(1);
	rumpuser_mutex_exit(h->m);
}

RC_CASE(mutex_owner_after_handoff, "MTX-005 MTX-007 MTX-013",
    "a thread blocked in mutex_enter gets the mutex after exit and becomes its owner")
{
	struct handoff h = { .m = new_mutex(ADAPTIVE) };
	struct rc_thread *t;
	struct lwp *l;
	int early;

	rumpuser_mutex_enter(h.m);
	t = rc_spawn(handoff_fn, &h, "rc_handoff");
	rc_sleep_ms(LH_SETTLE_MS);
	early = rc_load(&h.got);
	rumpuser_mutex_exit(h.m);
	RC_ASSERT("MTX-001", !early, "a second thread entered the mutex while it was held");
	RC_ASSERT("MTX-013", rc_wait_flag(&h.got, LH_PATIENCE_MS),
	    "the blocked thread did not get the mutex within %d ms of exit", LH_PATIENCE_MS);
	l = lh_owner(h.m);
	rc_store(&h.release, 1);
	rc_join(t);
	RC_ASSERT("MTX-005", h.seen == h.self,
	    "owner seen by the new holder is %p, its curlwp %p", (void *)h.seen, (void *)h.self);
	RC_ASSERT("MTX-007", l == h.self,
	    "owner seen by another thread is %p, holder %p", (void *)l, (void *)h.self);
	rumpuser_mutex_destroy(h.m);
}

RC_CASE(mutex_spin_p, "MTX-008",
    "mutex_spin_p is non-zero for SPIN and SPIN|KMUTEX mutexes and 0 for KMUTEX-only ones")
{
	struct rumpuser_mtx *m;
	int i, spin;

	if (rc_tgt_form != RC_FORM_2020)
		RC_SKIP("the target implements the pre-2020 form of interface 17, "
		    "which has no rumpuser_mutex_spin_p (a pre-2020 kernel never calls it)");
	for (i = 0; i < NFLAGS; i++) {
		m = new_mutex(all_flags[i]);
		spin = rumpuser_mutex_spin_p(m);
		rumpuser_mutex_destroy(m);
		RC_ASSERT("MTX-008", (spin != 0) == ((all_flags[i] & SPIN) != 0),
		    "spin_p is %d for a mutex created with flags 0x%x", spin, all_flags[i]);
	}
}

static void
take_mutex(struct lh_holder *h)
{
	if (h->enter != NULL)
		h->enter(h->m);
	else
		rumpuser_mutex_enter(h->m);
}

static void
give_mutex(struct lh_holder *h)
{
	rumpuser_mutex_exit(h->m);
}

/* CPU releases during an enter that had to wait; -1 if none had to. */
static long
contended_releases(int flags, lh_enter_fn enter)
{
	struct lh_holder h = { .m = new_mutex(flags), .enter = enter };
	long n = lh_contended_retry(&h, take_mutex, give_mutex);

	rumpuser_mutex_destroy(h.m);
	return n;
}

#define NOT_CONTENDED "could not make the enter wait for a holder on this host"

/*
 * A contended enter (see contended_releases), skipped where none had to
 * wait.  keeps: it must release the CPU no time (what: the count's name);
 * else at least once (what: the failure).
 */
static void
check_contended(int flags, lh_enter_fn enter, const char *id, int keeps,
    const char *what)
{
	long n = contended_releases(flags, enter);

	RC_BAIL();
	if (n < 0)
		RC_SKIP(NOT_CONTENDED);
	if (keeps)
		RC_ASSERT_EQ(id, n, 0, what);
	else
		RC_ASSERT(id, n > 0, "%s", what);
}

RC_CASE(mutex_spin_contended_keeps_cpu, "MTX-009 UPC-002",
    "mutex_enter on a SPIN mutex held by another thread waits without releasing the CPU")
{
	check_contended(SPIN, NULL, "MTX-009", 1,
	    "CPU releases during a contended SPIN mutex_enter");
}

RC_CASE(mutex_spin_kmutex_contended_keeps_cpu, "MTX-009 UPC-002",
    "mutex_enter on a SPIN|KMUTEX mutex held by another thread waits without releasing the CPU")
{
	check_contended(SPIN_KMUTEX, NULL, "MTX-009", 1,
	    "CPU releases during a contended SPIN|KMUTEX mutex_enter");
}

RC_CASE(mutex_nowrap_contended_keeps_cpu, "MTX-010 UPC-002",
    "mutex_enter_nowrap on a mutex held by another thread waits without releasing the CPU")
{
	check_contended(SPIN, rumpuser_mutex_enter_nowrap, "MTX-010", 1,
	    "CPU releases during a contended mutex_enter_nowrap");
}

RC_CASE(mutex_adaptive_contended_unschedules, "MTX-011 UPC-001 UPC-003",
    "mutex_enter on a KMUTEX mutex held by another thread releases the CPU while it waits")
{
	check_contended(ADAPTIVE, NULL, "MTX-011", 0,
	    "a contended adaptive mutex_enter blocked holding the virtual CPU");
}

struct rawmtx {
	struct rumpuser_mtx *m;
	struct lwp *seen;
	volatile int started, got;
	int tryrv;
};

static void
raw_nowrap_fn(void *a)
{
	struct rawmtx *r = a;

	r->seen = rumpuser_curlwp();
	rc_store(&r->started, 1);
	rumpuser_mutex_enter_nowrap(r->m);
	rc_store(&r->got, 1);
	rumpuser_mutex_exit(r->m);
	r->tryrv = rumpuser_mutex_tryenter(r->m);
	if (r->tryrv == 0)
		rumpuser_mutex_exit(r->m);
}

RC_CASE(mutex_nowrap_without_lwp, "MTX-012 UPC-007 LWP-002",
    "a bare hypervisor thread (no lwp, no CPU) can wait in enter_nowrap, exit and tryenter")
{
	struct rawmtx r = { .m = new_mutex(SPIN), .tryrv = -1 };
	struct lh_raw raw;
	int error, early;

	rumpuser_mutex_enter(r.m);
	error = lh_raw_start(&raw, raw_nowrap_fn, &r);
	if (error != 0)
		rumpuser_mutex_exit(r.m);
	RC_ASSERT("THR-001", error == 0, "rumpuser_thread_create failed with %d", error);
	rc_wait_flag(&r.started, LH_PATIENCE_MS);
	rc_sleep_ms(LH_SETTLE_MS);
	early = rc_load(&r.got);
	rumpuser_mutex_exit(r.m);
	error = lh_raw_join(&raw);
	RC_ASSERT("THR-002", error == 0, "rumpuser_thread_join failed with %d", error);
	RC_ASSERT("LWP-002", r.seen == NULL, "a bare thread has curlwp %p", (void *)r.seen);
	RC_ASSERT("MTX-001", !early, "enter_nowrap got a mutex another thread held");
	RC_ASSERT("MTX-012", r.got, "enter_nowrap on the bare thread never returned");
	RC_ASSERT("MTX-012", r.tryrv == 0,
	    "tryenter on a free mutex returned %d on a bare thread", r.tryrv);
	rumpuser_mutex_destroy(r.m);
}

#define WAKE_THREADS	4

struct waiters {
	struct rumpuser_mtx *m;
	volatile int got;
};

static void
enter_count_fn(void *a)
{
	struct waiters *w = a;

	rumpuser_mutex_enter(w->m);
	rc_inc(&w->got);
	rumpuser_mutex_exit(w->m);
}

RC_CASE(mutex_exit_wakes_all_waiters, "MTX-013 MTX-001",
    "4 threads blocked on a held mutex all get it, one at a time, after the holder exits")
{
	struct waiters w = { .m = new_mutex(ADAPTIVE) };
	struct rc_thread *t[WAKE_THREADS];
	int i, early, got;

	rumpuser_mutex_enter(w.m);
	for (i = 0; i < WAKE_THREADS; i++)
		t[i] = rc_spawn(enter_count_fn, &w, "rc_waiter");
	rc_sleep_ms(LH_SETTLE_MS);
	early = rc_load(&w.got);
	rumpuser_mutex_exit(w.m);
	got = lh_wait_count(&w.got, WAKE_THREADS, LH_PATIENCE_MS);
	RC_ASSERT("MTX-001", early == 0, "%d threads entered a held mutex", early);
	RC_ASSERT_EQ("MTX-013", got, WAKE_THREADS, "blocked threads that got the mutex after exit");
	for (i = 0; i < WAKE_THREADS; i++)
		rc_join(t[i]);
	rumpuser_mutex_destroy(w.m);
}

struct pair {
	struct rumpuser_mtx *held, *free;
	int rv_held, rv_free;
};

static void
probe_pair_fn(void *a)
{
	struct pair *p = a;

	p->rv_held = rumpuser_mutex_tryenter(p->held);
	if (p->rv_held == 0)
		rumpuser_mutex_exit(p->held);
	p->rv_free = rumpuser_mutex_tryenter(p->free);
	if (p->rv_free == 0)
		rumpuser_mutex_exit(p->free);
}

RC_CASE(mutex_independent, "MTX-014 MTX-003",
    "holding one mutex does not lock another: a second thread can take the other one")
{
	struct pair p;
	int i;

	for (i = 0; i < NFLAGS; i++) {
		p.held = new_mutex(all_flags[i]);
		p.free = new_mutex(all_flags[i]);
		rumpuser_mutex_enter(p.held);
		lh_run_elsewhere(probe_pair_fn, &p);
		rumpuser_mutex_exit(p.held);
		RC_ASSERT("MTX-003", p.rv_held != 0,
		    "another thread took a held mutex (flags 0x%x)", all_flags[i]);
		RC_ASSERT("MTX-014", p.rv_free == 0, "tryenter on a free mutex returned %d "
		    "while an unrelated one (flags 0x%x) was held", p.rv_free, all_flags[i]);
		rumpuser_mutex_destroy(p.held);
		rumpuser_mutex_destroy(p.free);
	}
}

#define REUSE_ROUNDS	10

RC_CASE(mutex_destroy_after_use, "MTX-015 MTX-006",
    "mutexes used under contention can be destroyed, and every new mutex starts free")
{
	struct lh_holder h;
	struct rc_thread *t;
	int i, rv, flags;

	for (i = 0; i < REUSE_ROUNDS * NFLAGS; i++) {
		flags = all_flags[i % NFLAGS];
		h = (struct lh_holder){ .m = new_mutex(flags), .hold_ms = 2 };
		if (flags & RUMPUSER_MTX_KMUTEX)
			RC_ASSERT("MTX-006", lh_owner(h.m) == NULL,
			    "new mutex (round %d, flags 0x%x) has an owner", i, flags);
		rv = rumpuser_mutex_tryenter(h.m);
		RC_ASSERT("MTX-015", rv == 0,
		    "new mutex (round %d, flags 0x%x) is not free: tryenter %d", i, flags, rv);
		rumpuser_mutex_exit(h.m);
		t = lh_hold_start(&h);
		rumpuser_mutex_enter(h.m);
		rumpuser_mutex_exit(h.m);
		rc_join(t);
		RC_BAIL();
		rumpuser_mutex_destroy(h.m);
	}
}

#define FIGHTERS	4
#define FIGHT_ROUNDS	20

struct fight {
	struct rumpuser_mtx *m;
	volatile int wrong;	/* looks by the holder that saw another owner */
	struct lwp *seen;	/* the last such owner */
};

/* Take m again and again; each time, look at the owner twice while holding it. */
static void
fighter_fn(void *a)
{
	struct fight *f = a;
	struct lwp *me = rumpuser_curlwp(), *o;
	int i, look;

	for (i = 0; i < FIGHT_ROUNDS; i++) {
		rumpuser_mutex_enter(f->m);
		for (look = 0; look < 2; look++) {
			if ((o = lh_owner(f->m)) != me) {
				rc_inc(&f->wrong);
				f->seen = o;
			}
			if (look == 0)
				rc_sleep_ms(1);	/* the others queue up in mutex_enter */
		}
		rumpuser_mutex_exit(f->m);
	}
}

RC_CASE(mutex_owner_under_contention, "MTX-200",
    "while four threads fight over a KMUTEX mutex, mutex_owner is the holder every time the holder looks")
{
	struct fight f = { NULL, 0, NULL };
	struct rc_thread *t[FIGHTERS];
	int i;

	rumpuser_mutex_init(&f.m, RUMPUSER_MTX_KMUTEX);
	for (i = 0; i < FIGHTERS; i++)
		t[i] = rc_spawn(fighter_fn, &f, "rc_fighter");
	for (i = 0; i < FIGHTERS; i++)
		rc_join(t[i]);
	rumpuser_mutex_destroy(f.m);
	RC_ASSERT("MTX-200", f.wrong == 0, "%d of %d looks at mutex_owner by the holder of a "
	    "contended mutex saw %p instead: the owner is written by waiters or cleared late, "
	    "so the kernel's mutex_owned() fails for the real holder", f.wrong,
	    FIGHTERS * FIGHT_ROUNDS * 2, (void *)f.seen);
}

#define BLOCK_MS	300

/* Hold m for BLOCK_MS in one sleep (no polling that would cost CPU here). */
static void
hold_long_fn(void *a)
{
	struct lh_holder *h = a;

	rumpuser_mutex_enter(h->m);
	rc_store(&h->holding, 1);
	rc_sleep_ms(BLOCK_MS);
	rumpuser_mutex_exit(h->m);
}

RC_CASE(mutex_enter_contended_sleeps, "MTX-201",
    "a mutex_enter that waits 300 ms for the holder uses no more than 3% of a host CPU meanwhile")
{
	struct lh_holder h = { .id = "MTX-201" };
	struct lh_cpu cpu;
	struct rc_thread *t;

	rumpuser_mutex_init(&h.m, RUMPUSER_MTX_KMUTEX);
	t = rc_spawn(hold_long_fn, &h, "rc_holder");
	RC_EXPECT("MTX-201", rc_wait_flag(&h.holding, LH_PATIENCE_MS),
	    "the holder did not get a free mutex within %d ms", LH_PATIENCE_MS);
	lh_cpu_begin(&cpu);
	rumpuser_mutex_enter(h.m);
	lh_cpu_end(&cpu);
	rumpuser_mutex_exit(h.m);
	rc_join(t);
	rumpuser_mutex_destroy(h.m);
	lh_cpu_check("MTX-201", "a contended mutex_enter", &cpu);
}

/*
 * Misuse: an lwp entering a KMUTEX it already holds, in an isolated child.
 * The child ending (abort, fatal message, exit) is the diagnosis; still
 * blocked when the short watchdog fires is the silent self-deadlock.
 */
#define RELOCK_WATCHDOG_MS	3000

struct relock {
	int flags;
	int nowrap;		/* the second enter is enter_nowrap */
	const char *how;
};

static void
relock_child(void *arg)
{
	const struct relock *r = arg;
	struct rumpuser_mtx *m = NULL;

	rumpuser_mutex_init(&m, r->flags);
	rumpuser_mutex_enter(m);
	if (r->nowrap)
		rumpuser_mutex_enter_nowrap(m);
	else
		rumpuser_mutex_enter(m);
	/* Back here: the holder got in a second time. */
}

RC_CASE(mutex_relock_diagnosed, "MTX-580",
    "an lwp entering a KMUTEX (or SPIN|KMUTEX) mutex it holds, by enter or enter_nowrap, is stopped with a diagnosis, not deadlocked")
{
	static const struct relock relocks[] = {
		{ ADAPTIVE, 0, "mutex_enter of a KMUTEX" },
		{ SPIN_KMUTEX, 0, "mutex_enter of a SPIN|KMUTEX" },
		{ SPIN_KMUTEX, 1, "mutex_enter_nowrap of a SPIN|KMUTEX" },
	};
	const struct relock *r;
	const char *why;
	uint64_t t0, ms;
	int how, code;
	size_t i;

	for (i = 0; i < sizeof(relocks) / sizeof(relocks[0]); i++) {
		r = &relocks[i];
		t0 = rch_mono_ns();
		if (rch_isolated(relock_child, (void *)(uintptr_t)r, RELOCK_WATCHDOG_MS,
		    &how, &code, &why) == -1)
			RC_SKIP(why);
		ms = lh_ms_since(t0);
		RC_ASSERT("MTX-580", ms < RELOCK_WATCHDOG_MS, "%s by the lwp holding it "
		    "was still blocked after %llu ms: a silent self-deadlock (an error-checking "
		    "host mutex would have reported it)", r->how, (unsigned long long)ms);
		RC_ASSERT("MTX-580", how != RCH_RETURNED && !(how == RCH_EXITED && code == 0),
		    "%s by the lwp holding it returned: the mutex let its holder in twice "
		    "instead of stopping the misuse", r->how);
		rc_note("%s by its holder: the process ended (%s %d) after %llu ms\n", r->how,
		    how == RCH_SIGNALED ? "signal" : "exit status", code, (unsigned long long)ms);
	}
}

static const struct rc_case *const cases[] = {
	RC_REF(mutex_exclusion_adaptive), RC_REF(mutex_exclusion_spin),
	RC_REF(mutex_exclusion_spin_kmutex), RC_REF(mutex_exclusion_nowrap),
	RC_REF(mutex_exclusion_tryenter), RC_REF(mutex_tryenter_free),
	RC_REF(mutex_tryenter_busy), RC_REF(mutex_tryenter_busy_spin),
	RC_REF(mutex_tryenter_by_holder), RC_REF(mutex_owner_after_enter),
	RC_REF(mutex_owner_after_tryenter), RC_REF(mutex_owner_spin_kmutex),
	RC_REF(mutex_owner_free), RC_REF(mutex_owner_other_thread),
	RC_REF(mutex_owner_after_handoff), RC_REF(mutex_spin_p),
	RC_REF(mutex_spin_contended_keeps_cpu), RC_REF(mutex_spin_kmutex_contended_keeps_cpu),
	RC_REF(mutex_nowrap_contended_keeps_cpu), RC_REF(mutex_adaptive_contended_unschedules),
	RC_REF(mutex_nowrap_without_lwp), RC_REF(mutex_exit_wakes_all_waiters),
	RC_REF(mutex_independent), RC_REF(mutex_destroy_after_use),
	RC_REF(mutex_owner_under_contention), RC_REF(mutex_enter_contended_sleeps),
	RC_REF(mutex_relock_diagnosed), NULL
};
const struct rc_area rc_area_mutex = { "mutex", cases };
