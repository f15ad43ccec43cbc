/*
 * cv.c -- rumpuser_cv_*: wakeups, relative timeouts and their error code,
 * has_waiters, the virtual CPU around waits, the order in which CPU and
 * interlock come back, and the kernel's scheduler-lock corner case.
 */
#include "../mutex/lockhelp.h"
#include "../clock/wallstep.h"
#include "../file/iohelp.h"

#define ADAPTIVE	RUMPUSER_MTX_KMUTEX
#define SPIN		RUMPUSER_MTX_SPIN
#define SPIN_KMUTEX	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

#define LINUX_ETIMEDOUT	110
#define NS_PER_SEC	1000000000ll
#define SEC_MAX		((int64_t)0x7fffffffffffffffLL)	/* no INT64_MAX in the kernel */

typedef void (*wait_fn)(struct rumpuser_cv *, struct rumpuser_mtx *);

static int
has_waiters(struct lh_cv *c)
{
	int n = -1;

	rumpuser_cv_has_waiters(c->cv, &n);
	return n;
}

/* Called holding c->m: wait with wait() until s says go; CPU releases. */
static long
wait_for_signal(struct lh_cv *c, struct lh_signaller *s, wait_fn wait, struct rc_thread **tp)
{
	unsigned long u0 = mk_unsched_count();

	s->c = c;
	*tp = rc_spawn(lh_signal_fn, s, "rc_signaller");
	if (*tp == NULL)
		return -1;
	while (!rc_load(&s->go))
		wait(c->cv, c->m);
	return (long)(mk_unsched_count() - u0);
}

/*
 * Wait with wait() on a cv whose mutex has the given flags until another
 * thread signals, counting CPU releases.  keeps: there must be none
 * (what: the count's name); else at least one (what: the failure).
 */
static void
check_signalled_wait(int flags, wait_fn wait, const char *id, int keeps,
    const char *what)
{
	struct lh_cv c;
	struct lh_signaller s = { 0 };
	struct rc_thread *t;
	long n;

	lh_cv_setup(&c, flags);
	rumpuser_mutex_enter(c.m);
	n = wait_for_signal(&c, &s, wait, &t);
	rumpuser_mutex_exit(c.m);
	rc_join(t);
	RC_BAIL();
	if (keeps)
		RC_ASSERT_EQ(id, n, 0, what);
	else
		RC_ASSERT(id, n > 0, "%s", what);
	lh_cv_teardown(&c);
}

/* Waiters that wait once each and count their wakeups. */
#define NWAITERS	3

struct group {
	struct lh_cv c;
	volatile int ready, woken;
	struct rc_thread *t[NWAITERS];
};

static void
wait_once_fn(void *a)
{
	struct group *g = a;

	rumpuser_mutex_enter(g->c.m);
	rc_inc(&g->ready);
	rumpuser_cv_wait(g->c.cv, g->c.m);
	rc_inc(&g->woken);
	rumpuser_mutex_exit(g->c.m);
}

/* Start the waiters; returns once all of them sleep on the cv. */
static void
group_start(struct group *g)
{
	int i;

	lh_cv_setup(&g->c, ADAPTIVE);
	g->ready = g->woken = 0;
	for (i = 0; i < NWAITERS; i++)
		g->t[i] = rc_spawn(wait_once_fn, g, "rc_waiter");
	lh_wait_count(&g->ready, NWAITERS, LH_PATIENCE_MS);
}

static void
group_wake(struct group *g, void (*wake)(struct rumpuser_cv *))
{
	/* Each waiter counted itself ready under m and released m only by waiting. */
	rumpuser_mutex_enter(g->c.m);
	wake(g->c.cv);
	rumpuser_mutex_exit(g->c.m);
}

static int
group_end(struct group *g)
{
	int i, woken;

	group_wake(g, rumpuser_cv_broadcast);
	woken = lh_wait_count(&g->woken, NWAITERS, LH_PATIENCE_MS);
	if (woken == NWAITERS) {
		for (i = 0; i < NWAITERS; i++)
			rc_join(g->t[i]);
		lh_cv_teardown(&g->c);
	}
	return woken;
}

RC_CASE(cv_signal_wakes_one, "CV-001",
    "cv_signal with 3 waiters wakes one of them, not all")
{
	struct group g;
	int n, rest;

	group_start(&g);
	RC_ASSERT_EQ("CV-001", rc_load(&g.ready), NWAITERS, "waiters that got to cv_wait");
	group_wake(&g, rumpuser_cv_signal);
	lh_wait_count(&g.woken, 1, LH_PATIENCE_MS);
	rc_sleep_ms(LH_SETTLE_MS);
	n = rc_load(&g.woken);
	rest = group_end(&g);
	RC_ASSERT("CV-001", n >= 1, "cv_signal woke none of %d waiters", NWAITERS);
	RC_ASSERT("CV-001", n < NWAITERS, "cv_signal woke all %d waiters", NWAITERS);
	if (n > 1)
		rc_note("cv_signal woke %d waiters\n", n);
	RC_ASSERT_EQ("CV-002", rest, NWAITERS, "waiters woken after the final broadcast");
}

RC_CASE(cv_broadcast_wakes_all, "CV-002",
    "cv_broadcast with 3 waiters wakes all of them")
{
	struct group g;
	int n;

	group_start(&g);
	RC_ASSERT_EQ("CV-002", rc_load(&g.ready), NWAITERS, "waiters that got to cv_wait");
	n = group_end(&g);
	RC_ASSERT_EQ("CV-002", n, NWAITERS, "waiters woken by one cv_broadcast");
}

/*
 * A thread that broadcasts on the cv if the case has not finished after
 * ms, so a timed wait that never times out fails the case instead of
 * hanging it.
 */
struct rescuer {
	struct lh_cv *c;
	unsigned ms;
	volatile int done, rescued;
	struct rc_thread *t;
};

static void
rescue_fn(void *a)
{
	struct rescuer *r = a;
	uint64_t end = rch_mono_ns() + lh_ns(r->ms);

	while (!rc_load(&r->done) && rch_mono_ns() < end)
		rc_sleep_ms(5);
	if (rc_load(&r->done))
		return;
	rumpuser_mutex_enter(r->c->m);
	rc_store(&r->rescued, 1);
	rumpuser_cv_broadcast(r->c->cv);
	rumpuser_mutex_exit(r->c->m);
}

struct timed {
	int rv;
	uint64_t ns;		/* how long the wait took */
	int rescued;
};

/* timedwait(sec, nsec) with nobody signalling, on an ADAPTIVE interlock. */
static struct timed
timed_alone(int64_t sec, int64_t nsec)
{
	struct lh_cv c;
	struct rescuer r = { .c = &c };
	struct timed res;
	uint64_t t0;

	lh_cv_setup(&c, ADAPTIVE);
	r.ms = (unsigned)(sec * 1000 + nsec / 1000000) + LH_PATIENCE_MS;
	r.t = rc_spawn(rescue_fn, &r, "rc_rescuer");
	rumpuser_mutex_enter(c.m);
	t0 = rch_mono_ns();
	res.rv = rumpuser_cv_timedwait(c.cv, c.m, sec, nsec);
	res.ns = rch_mono_ns() - t0;
	rumpuser_mutex_exit(c.m);
	rc_store(&r.done, 1);
	rc_join(r.t);
	res.rescued = r.rescued;
	lh_cv_teardown(&c);
	return res;
}

/* The wait must time out with NetBSD ETIMEDOUT after [sec.nsec, + slack). */
static void
check_timeout(int64_t sec, int64_t nsec)
{
	uint64_t want = (uint64_t)(sec * NS_PER_SEC + nsec);
	struct timed r = timed_alone(sec, nsec);

	RC_BAIL();
	RC_ASSERT("CV-004", !r.rescued, "timedwait(%lld s, %lld ns) had not returned "
	    "after %u ms more than its timeout", (long long)sec, (long long)nsec, LH_PATIENCE_MS);
	RC_ASSERT("CV-004", r.ns >= want, "timedwait(%lld s, %lld ns) returned after "
	    "%llu us: too early (is the time taken as absolute?)", (long long)sec,
	    (long long)nsec, (unsigned long long)(r.ns / 1000));
	RC_ASSERT("CV-003", r.rv != LINUX_ETIMEDOUT, "timedwait returned the host "
	    "ETIMEDOUT (%d), not NetBSD's %d", r.rv, NB_ETIMEDOUT);
	RC_ASSERT_EQ("CV-003", r.rv, NB_ETIMEDOUT, "timedwait return after a timeout");
}

RC_CASE(cv_timedwait_timeout_code, "CV-003 CV-004",
    "cv_timedwait of 20 ms with no signal returns NetBSD ETIMEDOUT (60), not 0 or the host's 110")
{
	check_timeout(0, 20 * 1000000);
}

RC_CASE(cv_timedwait_relative, "CV-004 CV-003",
    "cv_timedwait(0 s, 50 ms) is a relative timeout: it returns after >= 50 ms, within 2 s more")
{
	check_timeout(0, 50 * 1000000);
}

RC_CASE(cv_timedwait_seconds, "CV-004 CV-003",
    "cv_timedwait(1 s, 0 ns) honours the seconds: it returns after >= 1 s, within 2 s more")
{
	check_timeout(1, 0);
}

RC_CASE(cv_timedwait_zero, "CV-004 CV-003",
    "cv_timedwait(0 s, 0 ns) returns ETIMEDOUT (60) at once instead of waiting")
{
	struct timed r = timed_alone(0, 0);

	RC_BAIL();
	RC_ASSERT("CV-004", !r.rescued,
	    "timedwait(0, 0) had not returned after %u ms: a zero timeout means wait forever?",
	    LH_PATIENCE_MS);
	RC_ASSERT("CV-004", r.ns < lh_ns(LH_PATIENCE_MS / 2),
	    "timedwait(0, 0) took %llu ms", (unsigned long long)(r.ns / LH_NS_PER_MS));
	RC_ASSERT_EQ("CV-003", r.rv, NB_ETIMEDOUT, "timedwait(0, 0) return");
}

/*
 * A 500 ms timedwait just after the wall clock the target reads stepped
 * (wallstep.h): back 30 s first, as a wait measured on the wall clock
 * then ends at once, then forward 4 s, where it lasts 4 s longer.
 */
static int
timed_after_step(int64_t step, struct timed *r)
{
	if (ws_step(step) == -1)
		return -1;
	*r = timed_alone(0, WS_WAIT_NS);
	rc_note("timedwait(0, 500 ms) after a wall clock step of %+lld s: %llu ms, returned %d%s\n",
	    (long long)(step / NS_PER_SEC), (unsigned long long)(r->ns / LH_NS_PER_MS), r->rv,
	    r->rescued ? " (rescued by a broadcast)" : "");
	return 0;
}

static void
timedwait_across_steps(void)
{
	struct timed r;

	if (timed_after_step(WS_BACK_NS, &r) == -1)
		return;
	RC_EXPECT("CV-101", r.ns >= (uint64_t)WS_WAIT_NS,
	    "timedwait(0, 500 ms) after the wall clock stepped back 30 s returned after "
	    "%llu ms: the timeout is a wall-clock deadline (pthread_cond_timedwait on "
	    "CLOCK_REALTIME); wait on a CLOCK_MONOTONIC deadline",
	    (unsigned long long)(r.ns / LH_NS_PER_MS));
	if (timed_after_step(WS_FWD_NS, &r) == -1)
		return;
	RC_EXPECT("CV-102", !r.rescued && r.ns <= (uint64_t)(WS_WAIT_NS + WS_LATE_NS),
	    "timedwait(0, 500 ms) after the wall clock stepped forward 4 s %s after "
	    "%llu ms: the timeout is a wall-clock deadline; wait on a CLOCK_MONOTONIC one",
	    r.rescued ? "was woken by the rescuer" : "returned",
	    (unsigned long long)(r.ns / LH_NS_PER_MS));
}

RC_CASE(cv_timedwait_wall_steps, "CV-101 CV-102",
    "a 500 ms cv_timedwait lasts 500 ms of host monotonic time after the target's wall clock steps -30 s and +4 s")
{
	timedwait_across_steps();
	ws_undo();
}

RC_CASE(cv_timedwait_signalled, "CV-005",
    "cv_timedwait(2 s) returns 0, well before the timeout, when another thread signals")
{
	struct lh_cv c;
	struct lh_signaller s = { 0 };
	struct rc_thread *t;
	uint64_t t0, ns;
	int rv = 0;

	lh_cv_setup(&c, ADAPTIVE);
	rumpuser_mutex_enter(c.m);
	s.c = &c;
	t = rc_spawn(lh_signal_fn, &s, "rc_signaller");
	t0 = rch_mono_ns();
	while (t != NULL && !rc_load(&s.go) && rv == 0)
		rv = rumpuser_cv_timedwait(c.cv, c.m, 2, 0);
	ns = rch_mono_ns() - t0;
	rumpuser_mutex_exit(c.m);
	rc_join(t);
	RC_BAIL();
	RC_ASSERT_EQ("CV-005", rv, 0, "timedwait return when signalled");
	RC_ASSERT("CV-005", ns < lh_ns(1500), "the signalled timedwait took %llu ms",
	    (unsigned long long)(ns / LH_NS_PER_MS));
	lh_cv_teardown(&c);
}

RC_CASE(cv_has_waiters, "CV-006",
    "cv_has_waiters is 0 on a new cv, non-zero while a thread waits, 0 after it woke")
{
	struct lh_cv c;
	struct lh_sleeper s = { .c = &c };
	struct rc_thread *t;
	int before, during, after;

	lh_cv_setup(&c, ADAPTIVE);
	before = has_waiters(&c);
	t = rc_spawn(lh_sleeper_fn, &s, "rc_sleeper");
	rc_wait_flag(&s.ready, LH_PATIENCE_MS);
	rumpuser_mutex_enter(c.m);	/* the sleeper now waits */
	during = has_waiters(&c);
	rc_store(&s.go, 1);
	rumpuser_cv_signal(c.cv);
	rumpuser_mutex_exit(c.m);
	rc_join(t);
	rumpuser_mutex_enter(c.m);
	after = has_waiters(&c);
	rumpuser_mutex_exit(c.m);
	RC_ASSERT("CV-006", before == 0, "has_waiters is %d on a new cv", before);
	RC_ASSERT("CV-006", during != 0, "has_waiters is 0 while a thread waits");
	RC_ASSERT("CV-006", after == 0, "has_waiters is %d after the waiter left", after);
	lh_cv_teardown(&c);
}

RC_CASE(cv_has_waiters_after_timeout, "CV-006 CV-003",
    "cv_has_waiters is 0 again after a cv_timedwait timed out")
{
	struct lh_cv c;
	int rv, after;

	lh_cv_setup(&c, ADAPTIVE);
	rumpuser_mutex_enter(c.m);
	rv = rumpuser_cv_timedwait(c.cv, c.m, 0, 5 * 1000000);
	after = has_waiters(&c);
	rumpuser_mutex_exit(c.m);
	RC_ASSERT_EQ("CV-003", rv, NB_ETIMEDOUT, "timedwait return after a timeout");
	RC_ASSERT("CV-006", after == 0,
	    "has_waiters is %d after the only waiter timed out", after);
	lh_cv_teardown(&c);
}

/* A cv_timedwait far longer than the case, as a wait_fn: a signal ends it. */
static void
timedwait_long(struct rumpuser_cv *cv, struct rumpuser_mtx *m)
{
	rumpuser_cv_timedwait(cv, m, 30, 0);
}

static const struct {
	int flags;
	wait_fn wait;
	const char *name;
} every_wait[] = {
	{ ADAPTIVE, rumpuser_cv_wait, "cv_wait" },
	{ SPIN, rumpuser_cv_wait_nowrap, "cv_wait_nowrap" },
	{ ADAPTIVE, timedwait_long, "signalled cv_timedwait" },
};

RC_CASE(cv_has_waiters_after_each_wait, "CV-006",
    "cv_has_waiters is 0 again once a signalled cv_wait, cv_wait_nowrap or cv_timedwait returned")
{
	struct lh_cv c;
	struct lh_signaller s;
	struct rc_thread *t;
	size_t i;
	int after;

	for (i = 0; i < sizeof(every_wait) / sizeof(every_wait[0]); i++) {
		s = (struct lh_signaller){ 0 };
		lh_cv_setup(&c, every_wait[i].flags);
		rumpuser_mutex_enter(c.m);
		wait_for_signal(&c, &s, every_wait[i].wait, &t);
		after = has_waiters(&c);
		rumpuser_mutex_exit(c.m);
		rc_join(t);
		RC_BAIL();
		RC_ASSERT("CV-006", after == 0, "has_waiters is %d once the only waiter's "
		    "%s returned: that path does not take the waiter off the count, and "
		    "the kernel's cv_has_waiters() reports sleepers that are gone",
		    after, every_wait[i].name);
		lh_cv_teardown(&c);
	}
}

RC_CASE(cv_wait_unschedules, "CV-007 UPC-004 UPC-003",
    "cv_wait releases the virtual CPU while it sleeps")
{
	check_signalled_wait(ADAPTIVE, rumpuser_cv_wait, "CV-007", 0,
	    "cv_wait slept holding the virtual CPU");
}

RC_CASE(cv_timedwait_unschedules, "CV-007 UPC-004 UPC-003",
    "cv_timedwait releases the virtual CPU while it sleeps until the timeout")
{
	struct lh_cv c;
	unsigned long u0;
	long n;

	lh_cv_setup(&c, ADAPTIVE);
	rumpuser_mutex_enter(c.m);
	u0 = mk_unsched_count();
	rumpuser_cv_timedwait(c.cv, c.m, 0, 10 * 1000000);
	n = (long)(mk_unsched_count() - u0);
	rumpuser_mutex_exit(c.m);
	RC_ASSERT("CV-007", n > 0, "cv_timedwait slept holding the virtual CPU");
	lh_cv_teardown(&c);
}

/*
 * Wake from a wait on an interlock of the given flags -- signalled, or
 * by a 10 ms timeout -- while the mock watches, at each backend_schedule
 * with that interlock, whether the mutex is held.  Also reports the
 * owner right after the wait (KMUTEX) and whether another thread could
 * take the mutex then.
 */
struct wakeup {
	struct mk_watch w;
	struct lwp *owner;
	int other_try;
	int rv;
};

static void
watch_wakeup(int flags, int timed, struct wakeup *res)
{
	struct lh_cv c;
	struct lh_signaller s = { 0 };
	struct rc_thread *t = NULL;

	lh_cv_setup(&c, flags);
	rumpuser_mutex_enter(c.m);
	mk_watch(&res->w, c.m);
	if (timed)
		res->rv = rumpuser_cv_timedwait(c.cv, c.m, 0, 10 * 1000000);
	else
		wait_for_signal(&c, &s, rumpuser_cv_wait, &t);
	mk_unwatch();
	if (flags & RUMPUSER_MTX_KMUTEX)
		res->owner = lh_owner(c.m);
	res->other_try = lh_tryenter_elsewhere(c.m);
	rumpuser_mutex_exit(c.m);
	rc_join(t);
	lh_cv_teardown(&c);
}

/*
 * Common checks: the interlock reached backend_schedule and is held again.
 * The order is judged only if the mock's probe could tell held from free.
 */
static void
check_wakeup(const struct wakeup *r, int flags)
{
	if (!r->w.w_probe_ok)
		RC_SKIP("the interlock cannot be probed: tryenter by another lwp took it while "
		    "its holder had it, so held and free look alike (MTX-003 says whether that "
		    "breaks the contract)");
	RC_ASSERT("UPC-004", r->w.w_reschedules > 0,
	    "no backend_schedule got the interlock mutex (flags 0x%x) after the wait", flags);
	RC_ASSERT("CV-011", r->other_try != 0,
	    "right after the wait another thread could take the interlock (flags 0x%x)", flags);
	/* Both rules say a KMUTEX interlock's owner is the caller again. */
	if (flags & RUMPUSER_MTX_KMUTEX) {
		RC_EXPECT("MTX-005", r->owner == rumpuser_curlwp(), "after the wait the "
		    "owner is %p, curlwp %p", (void *)r->owner, (void *)rumpuser_curlwp());
		RC_ASSERT("CV-011", r->owner == rumpuser_curlwp(), "after the wait the "
		    "owner is %p, curlwp %p", (void *)r->owner, (void *)rumpuser_curlwp());
	}
}

static void
check_cpu_first(int timed)
{
	struct wakeup r = { .rv = -1 };

	watch_wakeup(SPIN_KMUTEX, timed, &r);
	RC_BAIL();
	check_wakeup(&r, SPIN_KMUTEX);
	if (rc_failed() || rc_skipped())
		return;
	RC_ASSERT("CV-008", r.w.w_held_at_sched == 0,
	    "the SPIN|KMUTEX interlock was held at %d of %d backend_schedule calls: "
	    "take the CPU first, then the mutex with nowrap",
	    r.w.w_held_at_sched, r.w.w_reschedules);
}

RC_CASE(cv_order_spin_kmutex, "CV-008 CV-011 UPC-004",
    "after cv_wait on a SPIN|KMUTEX interlock the CPU comes back before the mutex")
{
	check_cpu_first(0);
}

RC_CASE(cv_order_spin_kmutex_timeout, "CV-008 CV-011 UPC-004",
    "after a cv_timedwait timeout on a SPIN|KMUTEX interlock the CPU comes back before the mutex")
{
	check_cpu_first(1);
}

RC_CASE(cv_order_spin, "CV-009 CV-011 UPC-004",
    "after cv_wait on a SPIN-only interlock the mutex is held when the CPU is taken back")
{
	struct wakeup r = { .rv = -1 };

	watch_wakeup(SPIN, 0, &r);
	RC_BAIL();
	check_wakeup(&r, SPIN);
	if (rc_failed() || rc_skipped())
		return;
	RC_ASSERT("CV-009", r.w.w_held_at_sched == r.w.w_reschedules,
	    "the SPIN interlock was free at %d of %d backend_schedule calls: "
	    "take the mutex first, then the CPU",
	    r.w.w_reschedules - r.w.w_held_at_sched, r.w.w_reschedules);
}

RC_CASE(cv_order_kmutex, "CV-010 CV-011 UPC-004",
    "after cv_wait on a KMUTEX-only interlock the wait passes it to backend_schedule "
    "and returns holding it (either order)")
{
	struct wakeup r = { .rv = -1 };

	watch_wakeup(ADAPTIVE, 0, &r);
	RC_BAIL();
	check_wakeup(&r, ADAPTIVE);
	if (rc_failed() || rc_skipped())
		return;
	RC_ASSERT("CV-010", r.w.w_reschedules > 0, "the wait never passed its KMUTEX "
	    "interlock to backend_schedule: the order cannot be recorded");
	rc_note("KMUTEX interlock held at %d of %d backend_schedule calls (%s first)\n",
	    r.w.w_held_at_sched, r.w.w_reschedules,
	    r.w.w_held_at_sched == 0 ? "CPU" : "mutex");
}

/* After a signalled wait: owner is curlwp again, and was NULL meanwhile. */
static void
check_owner_after_wakeup(int flags)
{
	struct lh_cv c;
	struct lh_signaller s = { .watch_owner = 1 };
	struct rc_thread *t;
	struct lwp *l;
	int other;

	lh_cv_setup(&c, flags);
	rumpuser_mutex_enter(c.m);
	wait_for_signal(&c, &s, rumpuser_cv_wait, &t);
	l = lh_owner(c.m);
	other = lh_tryenter_elsewhere(c.m);
	rumpuser_mutex_exit(c.m);
	rc_join(t);
	RC_BAIL();
	RC_ASSERT("MTX-006", s.owner_freed,
	    "while the holder slept in cv_wait the mutex (flags 0x%x) never reported owner NULL",
	    flags);
	RC_EXPECT("MTX-005", l == rumpuser_curlwp(),
	    "owner after the cv wakeup is %p, curlwp %p", (void *)l, (void *)rumpuser_curlwp());
	RC_ASSERT("CV-011", l == rumpuser_curlwp(),
	    "owner after the cv wakeup is %p, curlwp %p", (void *)l, (void *)rumpuser_curlwp());
	RC_ASSERT("CV-011", other != 0, "after the cv wakeup another thread could take the mutex");
	lh_cv_teardown(&c);
}

RC_CASE(cv_owner_after_wakeup, "CV-011 MTX-005 MTX-006",
    "a KMUTEX interlock reports owner NULL while its holder waits and curlwp after the wakeup")
{
	check_owner_after_wakeup(ADAPTIVE);
}

RC_CASE(cv_owner_spin_kmutex_after_wakeup, "CV-011 MTX-005 MTX-006",
    "a SPIN|KMUTEX interlock reports owner NULL while its holder waits and curlwp after wakeup")
{
	check_owner_after_wakeup(SPIN_KMUTEX);
}

RC_CASE(cv_owner_after_timeout, "CV-011 MTX-005",
    "after a cv_timedwait timeout the KMUTEX interlock is held again with owner curlwp")
{
	struct wakeup r = { .rv = -1 };
	int flags[] = { ADAPTIVE, SPIN_KMUTEX }, i;

	for (i = 0; i < 2; i++) {
		watch_wakeup(flags[i], 1, &r);
		RC_BAIL();
		RC_ASSERT_EQ("CV-003", r.rv, NB_ETIMEDOUT, "timedwait return after a timeout");
		check_wakeup(&r, flags[i]);
		RC_BAIL();
	}
}

/* Signals under the mutex, again and again, until told to stop. */
struct nagger {
	struct lh_cv *c;
	volatile int stop;
};

static void
nag_fn(void *a)
{
	struct nagger *n = a;

	while (!rc_load(&n->stop)) {
		rumpuser_mutex_enter(n->c->m);
		rumpuser_cv_signal(n->c->cv);
		rumpuser_mutex_exit(n->c->m);
		rc_sleep_ms(1);
	}
}

RC_CASE(cv_schedlock_corner, "CV-012 CV-007 UPC-004",
    "cv_wait on the scheduler lock, entered without holding it, returns with it not held")
{
	struct lh_cv c;
	struct nagger n = { .c = &c };
	struct rc_thread *t;
	unsigned long u0;
	long released;
	int other;

	lh_cv_setup(&c, SPIN);
	mk_set_schedlock(c.m);
	t = rc_spawn(nag_fn, &n, "rc_nagger");
	u0 = mk_unsched_count();
	/* As the kernel does: backend_unschedule takes it, backend_schedule drops it. */
	rumpuser_cv_wait(c.cv, c.m);
	released = (long)(mk_unsched_count() - u0);
	rc_store(&n.stop, 1);
	rc_join(t);
	mk_set_schedlock(NULL);
	other = lh_tryenter_elsewhere(c.m);
	RC_ASSERT("CV-007", released > 0, "cv_wait on the scheduler lock kept the CPU");
	RC_ASSERT("CV-012", other == 0, "the scheduler lock is still held after cv_wait "
	    "(tryenter elsewhere %d): the wait re-took it after backend_schedule", other);
	lh_cv_teardown(&c);
}

RC_CASE(cv_wait_nowrap_keeps_cpu, "CV-013 UPC-002",
    "cv_wait_nowrap sleeps without releasing the virtual CPU")
{
	check_signalled_wait(SPIN, rumpuser_cv_wait_nowrap, "CV-013", 1,
	    "CPU releases during cv_wait_nowrap");
}

/* The kernel's thread trampoline: nowrap waits before it has an lwp. */
struct rawwait {
	struct lh_cv *c;
	volatile int ready, go, woke;
};

static void
raw_wait_fn(void *a)
{
	struct rawwait *r = a;

	rumpuser_mutex_enter_nowrap(r->c->m);
	rc_store(&r->ready, 1);
	while (!rc_load(&r->go))
		rumpuser_cv_wait_nowrap(r->c->cv, r->c->m);
	rc_store(&r->woke, 1);
	rumpuser_mutex_exit(r->c->m);
}

RC_CASE(cv_wait_nowrap_without_lwp, "CV-013 MTX-012 UPC-007",
    "a bare hypervisor thread (no lwp, no CPU) can sleep in cv_wait_nowrap and be signalled")
{
	struct lh_cv c;
	struct rawwait r = { .c = &c };
	struct lh_raw raw;
	int error;

	lh_cv_setup(&c, SPIN);
	error = lh_raw_start(&raw, raw_wait_fn, &r);
	RC_ASSERT("THR-001", error == 0, "rumpuser_thread_create failed with %d", error);
	RC_ASSERT("MTX-012", rc_wait_flag(&r.ready, LH_PATIENCE_MS),
	    "the bare thread never got its SPIN mutex with enter_nowrap");
	rumpuser_mutex_enter(c.m);
	rc_store(&r.go, 1);
	rumpuser_cv_signal(c.cv);
	rumpuser_mutex_exit(c.m);
	RC_ASSERT("CV-013", rc_wait_flag(&r.woke, LH_PATIENCE_MS),
	    "the bare thread did not wake from cv_wait_nowrap within %d ms", LH_PATIENCE_MS);
	error = lh_raw_join(&raw);
	RC_ASSERT("THR-002", error == 0, "rumpuser_thread_join failed with %d", error);
	lh_cv_teardown(&c);
}

/*
 * Ping-pong: two threads hand a turn back and forth.  Each hand-off is a
 * signal sent under the mutex to a thread that checked the turn and went
 * to sleep atomically; a lost wakeup leaves the main thread's 2 s timed
 * wait to expire.
 */
#define PINGPONG_ROUNDS	2000

struct pingpong {
	struct lh_cv c;
	volatile int turn;	/* 1: the partner's move, 0: ours */
	volatile int stop;
};

static void
pong_fn(void *a)
{
	struct pingpong *p = a;

	rumpuser_mutex_enter(p->c.m);
	for (;;) {
		while (p->turn != 1 && !p->stop)
			rumpuser_cv_wait(p->c.cv, p->c.m);
		if (p->stop)
			break;
		p->turn = 0;
		rumpuser_cv_signal(p->c.cv);
	}
	rumpuser_mutex_exit(p->c.m);
}

RC_CASE(cv_pingpong, "CV-014 CV-005",
    "2000 signal hand-offs between two threads never lose a wakeup")
{
	struct pingpong p = { .turn = 0 };
	struct rc_thread *t;
	int i, rv = 0, woke_nonzero = 0;

	lh_cv_setup(&p.c, ADAPTIVE);
	rumpuser_mutex_enter(p.c.m);
	t = rc_spawn(pong_fn, &p, "rc_pong");
	for (i = 0; i < PINGPONG_ROUNDS && rv == 0; i++) {
		p.turn = 1;
		rumpuser_cv_signal(p.c.cv);
		while (p.turn != 0 && rv == 0)
			rv = rumpuser_cv_timedwait(p.c.cv, p.c.m, 2, 0);
		if (p.turn == 0) {
			woke_nonzero += rv != 0;
			rv = 0;
		}
	}
	p.stop = 1;
	rumpuser_cv_broadcast(p.c.cv);
	rumpuser_mutex_exit(p.c.m);
	rc_join(t);
	RC_ASSERT("CV-014", rv == 0,
	    "hand-off %d of %d was lost: no wakeup within 2 s (timedwait %d)",
	    i, PINGPONG_ROUNDS, rv);
	RC_ASSERT("CV-005", woke_nonzero == 0, "%d signalled cv_timedwait calls returned "
	    "non-zero instead of 0", woke_nonzero);
	lh_cv_teardown(&p.c);
}

/* Takes the mutex only with tryenter: proof that the waiter released it. */
struct prober {
	struct lh_cv *c;
	volatile int got;
};

static void
try_signal_fn(void *a)
{
	struct prober *p = a;
	uint64_t end = rch_mono_ns() + lh_ns(LH_PATIENCE_MS / 2);

	while (rch_mono_ns() < end) {
		if (rumpuser_mutex_tryenter(p->c->m) == 0) {
			rc_store(&p->got, 1);
			rumpuser_cv_signal(p->c->cv);
			rumpuser_mutex_exit(p->c->m);
			return;
		}
		rc_sleep_ms(1);
	}
}

RC_CASE(cv_interlock_released, "CV-015 CV-011",
    "while a thread waits on a cv its interlock is free: another thread's tryenter gets it")
{
	struct lh_cv c;
	struct prober p = { .c = &c };
	struct rc_thread *t;
	int rv = 0, other;

	lh_cv_setup(&c, ADAPTIVE);
	rumpuser_mutex_enter(c.m);
	t = rc_spawn(try_signal_fn, &p, "rc_prober");
	while (t != NULL && !rc_load(&p.got) && rv == 0)
		rv = rumpuser_cv_timedwait(c.cv, c.m, 2, 0);
	other = lh_tryenter_elsewhere(c.m);
	rumpuser_mutex_exit(c.m);
	rc_join(t);
	RC_BAIL();
	RC_ASSERT("CV-015", p.got, "tryenter never got the interlock of a waiting thread");
	RC_ASSERT("CV-011", other != 0, "after the wakeup another thread could take the interlock");
	lh_cv_teardown(&c);
}

/*
 * Busy waits: a waiter blocked for BLOCK_MS must leave the host CPU to
 * others, and a cv_wait nobody signals must not keep coming back.
 */
#define BLOCK_MS	300
#define SPURIOUS_MAX	5	/* cv_wait returns without a wakeup tolerated */

struct cpu_waiter {
	struct lh_cv c;
	int timed;		/* one cv_timedwait of BLOCK_MS, else cv_wait until go */
	volatile int ready, go;
	int returns;		/* times the wait came back */
	struct lh_cpu cpu;
};

static void
cpu_waiter_fn(void *a)
{
	struct cpu_waiter *w = a;

	rumpuser_mutex_enter(w->c.m);
	rc_store(&w->ready, 1);
	lh_cpu_begin(&w->cpu);
	if (w->timed) {
		(void)rumpuser_cv_timedwait(w->c.cv, w->c.m, 0, BLOCK_MS * 1000000ll);
		w->returns = 1;
	}
	while (!w->timed && !rc_load(&w->go)) {
		rumpuser_cv_wait(w->c.cv, w->c.m);
		w->returns++;
	}
	lh_cpu_end(&w->cpu);
	rumpuser_mutex_exit(w->c.m);
}

/* Run a waiter blocked for BLOCK_MS (signalled after it, unless timed). */
static void
run_cpu_waiter(struct cpu_waiter *w)
{
	struct rc_thread *t;

	lh_cv_setup(&w->c, ADAPTIVE);
	t = rc_spawn(cpu_waiter_fn, w, "rc_cpuwaiter");
	rc_wait_flag(&w->ready, LH_PATIENCE_MS);
	rc_sleep_ms(BLOCK_MS);
	rumpuser_mutex_enter(w->c.m);
	rc_store(&w->go, 1);
	rumpuser_cv_signal(w->c.cv);
	rumpuser_mutex_exit(w->c.m);
	rc_join(t);
	lh_cv_teardown(&w->c);
}

RC_CASE(cv_wait_sleeps, "CV-201 CV-200",
    "a cv_wait nobody signals for 300 ms neither keeps returning nor uses more than 3% of a host CPU")
{
	struct cpu_waiter w = { .timed = 0 };

	run_cpu_waiter(&w);
	RC_EXPECT("CV-201", w.returns <= 1 + SPURIOUS_MAX, "cv_wait came back %d times in %llu ms "
	    "with no signal: it returns at once instead of waiting", w.returns - 1,
	    (unsigned long long)(w.cpu.wall_ns / LH_NS_PER_MS));
	lh_cpu_check("CV-200", "cv_wait", &w.cpu);
}

RC_CASE(cv_timedwait_sleeps, "CV-200",
    "a 300 ms cv_timedwait that times out uses no more than 3% of a host CPU meanwhile")
{
	struct cpu_waiter w = { .timed = 1 };

	run_cpu_waiter(&w);
	lh_cpu_check("CV-200", "cv_timedwait", &w.cpu);
}

#define HELD_WAIT_NS	(50 * 1000000ll)
#define HELD_ROUNDS	8
#define HELD_DONE_MS	5000

struct held_bio {
	int	ndone;
	int	bad;
};

static void
held_biodone(void *arg, size_t bytes, int error)
{
	struct held_bio *h = arg;

	if (error != 0 || bytes != 4096)
		rc_inc(&h->bad);
	rc_inc(&h->ndone);
}

/*
 * Timed waits by a thread whose block read may still be held for
 * submission (a hypervisor may batch requests until the kernel waits, and
 * deliver what completed from the waiter): each wait still answers as a
 * wait, 0 or ETIMEDOUT once its time is up, and each read completes once.
 */
static void
timedwait_bio_held(int flags, const char *kind)
{
	static unsigned char buf[HELD_ROUNDS][4096];
	struct held_bio h = { 0, 0 };
	struct io_medium m;
	struct lh_cv c;
	uint64_t t0, ns, end;
	int fd, rv, i;

	if ((fd = io_medium_open(&m, 0, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, "FIL-006")) == -1)
		return;
	lh_cv_setup(&c, flags);
	for (i = 0; i < HELD_ROUNDS; i++) {
		rc_sleep_ms(2);	/* a batching hypervisor is holding requests by now */
		rumpuser_bio(fd, RUMPUSER_BIO_READ, buf[i], sizeof(buf[i]), (int64_t)i * 4096,
		    held_biodone, &h);
		rumpuser_mutex_enter(c.m);
		t0 = rch_mono_ns();
		rv = rumpuser_cv_timedwait(c.cv, c.m, 0, HELD_WAIT_NS);
		ns = rch_mono_ns() - t0;
		rumpuser_mutex_exit(c.m);
		RC_EXPECT("CV-730", rv == 0 || (rv == NB_ETIMEDOUT && (int64_t)ns >= HELD_WAIT_NS),
		    "cv_timedwait(0, 50 ms) on a %s interlock just after a block read returned "
		    "%d after %llu us: want 0 (woken, or spuriously) or ETIMEDOUT (60) once the "
		    "50 ms are up", kind, rv, (unsigned long long)(ns / 1000u));
	}
	end = rch_mono_ns() + (uint64_t)HELD_DONE_MS * 1000000u;
	while (rc_load(&h.ndone) < HELD_ROUNDS && rch_mono_ns() < end)
		rc_sleep_ms(1);
	RC_EXPECT("CV-730", rc_load(&h.ndone) == HELD_ROUNDS && h.bad == 0, "of %d block reads "
	    "made around the waits, %d completed within %d ms, %d of them short or failed",
	    HELD_ROUNDS, rc_load(&h.ndone), HELD_DONE_MS, h.bad);
	lh_cv_teardown(&c);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE(cv_timedwait_bio_held, "CV-730",
    "8 cv_timedwaits of 50 ms on each of a KMUTEX, a SPIN and a SPIN|KMUTEX interlock, each "
    "just after a block read, return 0 or ETIMEDOUT after 50 ms; each read completes once")
{
	timedwait_bio_held(ADAPTIVE, "KMUTEX");
	timedwait_bio_held(SPIN, "SPIN");
	timedwait_bio_held(SPIN_KMUTEX, "SPIN|KMUTEX");
}

#define PIPE_LEN	512
#define PIPE_WAIT_S	5	/* each wait's limit while a read is in flight */
#define PIPE_WAKE_MS	2000	/* a signalled waiter is back within this */
#define PIPE_DONE_MS	10000

/* Static in each case: a late completion still finds its buffer. */
struct pipe_io {
	int		ndone;
	int		fd;
	char		path[512];
	unsigned char	buf[PIPE_LEN], data[PIPE_LEN];
};

static void
pipe_biodone(void *arg, size_t bytes, int error)
{
	struct pipe_io *p = arg;

	(void)bytes;
	(void)error;
	rc_inc(&p->ndone);
}

/*
 * A FIFO opened for block I/O (p->fd), with a read on it that stays in
 * flight until pipe_end writes what it waits for: 0, or -1 (skipped). A target
 * doing positional transfers fails both at once (ESPIPE), which is its
 * right: the waits then run with no I/O in flight.
 */
static int
pipe_begin(struct pipe_io *p)
{
	const char *why;

	p->ndone = 0;
	if (io_path(p->path, sizeof(p->path), "cv-bio.fifo", &why) == -1 ||
	    rch_make_node(p->path, RCH_NODE_FIFO, NULL, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	if (rumpuser_open(p->path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, &p->fd) != 0) {
		rc_skip("the target does not open a FIFO for block I/O");
		return -1;
	}
	rumpuser_bio(p->fd, RUMPUSER_BIO_READ, p->buf, PIPE_LEN, 0, pipe_biodone, p);
	return 0;
}

/* Complete the read with a write; each completes once, error or not. */
static void
pipe_end(struct pipe_io *p, const char *id)
{
	uint64_t end = rch_mono_ns() + (uint64_t)PIPE_DONE_MS * 1000000u;

	rumpuser_bio(p->fd, RUMPUSER_BIO_WRITE, p->data, PIPE_LEN, 0, pipe_biodone, p);
	while (rc_load(&p->ndone) < 2 && rch_mono_ns() < end)
		rc_sleep_ms(1);
	RC_EXPECT(id, rc_load(&p->ndone) == 2, "a read of a FIFO and the write that fed "
	    "it: %d of 2 completed within %d ms", rc_load(&p->ndone), PIPE_DONE_MS);
	rumpuser_close(p->fd);
}

/*
 * A waiter with block I/O in flight sleeps too: a hypervisor that waits on
 * its I/O ring there must not take an entry the host refuses at once (an
 * opcode an older kernel does not know) for a wakeup and come back.
 */
RC_CASE(cv_wait_sleeps_bio_in_flight, "CV-201 CV-200",
    "a cv_wait nobody signals for 300 ms while a block read of a FIFO is in flight neither "
    "keeps returning nor uses more than 3% of a host CPU")
{
	static struct pipe_io p;
	struct cpu_waiter w = { .timed = 0 };

	if (pipe_begin(&p) == -1)
		return;
	run_cpu_waiter(&w);
	RC_EXPECT("CV-201", w.returns <= 1 + SPURIOUS_MAX, "with a block read in flight, "
	    "cv_wait came back %d times in %llu ms with no signal: it returns at once "
	    "instead of waiting", w.returns - 1,
	    (unsigned long long)(w.cpu.wall_ns / LH_NS_PER_MS));
	lh_cpu_check("CV-200", "cv_wait with a block read in flight", &w.cpu);
	pipe_end(&p, "CV-201");
}

struct late_signal {
	struct lh_cv	*c;
	int		sent;
	uint64_t	at;
	int		after_ms;	/* the signal comes this long after the spawn */
};

static void
late_signal_fn(void *arg)
{
	struct late_signal *s = arg;

	rc_sleep_ms(s->after_ms);
	rumpuser_mutex_enter(s->c->m);
	s->at = rch_mono_ns();
	s->sent = 1;
	rumpuser_cv_signal(s->c->cv);
	rumpuser_mutex_exit(s->c->m);
}

/*
 * A waiter whose block I/O stays in flight (a read of a FIFO nobody feeds
 * yet) is woken by cv_signal: a hypervisor that sleeps on its I/O ring
 * there must watch the cv too, not only the completions.
 */
RC_CASE(cv_signal_with_bio_in_flight, "CV-930 CV-201",
    "a thread waiting on a cv (KMUTEX interlock, cv_timedwait then cv_wait) while its block "
    "read stays in flight sleeps until a cv_signal, and returns within 2 s of it")
{
	static struct pipe_io p;
	struct late_signal s;
	struct rc_thread *t;
	struct lh_cv c;
	uint64_t late;
	int timed, returns;

	if (pipe_begin(&p) == -1)
		return;
	lh_cv_setup(&c, ADAPTIVE);
	for (timed = 1; timed >= 0 && !rc_failed(); timed--) {
		s = (struct late_signal){ &c, 0, 0, 100 };
		rumpuser_mutex_enter(c.m);
		if ((t = rc_spawn(late_signal_fn, &s, "rc_signal")) == NULL) {
			rumpuser_mutex_exit(c.m);
			break;
		}
		for (returns = 0; !s.sent; returns++)
			if (timed)
				rumpuser_cv_timedwait(c.cv, c.m, PIPE_WAIT_S, 0);
			else
				rumpuser_cv_wait(c.cv, c.m);
		late = (rch_mono_ns() - s.at) / 1000000u;
		rumpuser_mutex_exit(c.m);
		rc_join(t);
		RC_EXPECT("CV-930", late < PIPE_WAKE_MS, "cv_%swait with a FIFO read in flight "
		    "returned %llu ms after cv_signal (want < %d ms): the wait saw the I/O, not "
		    "the cv", timed ? "timed" : "", (unsigned long long)late, PIPE_WAKE_MS);
		RC_EXPECT("CV-201", returns <= 1 + SPURIOUS_MAX, "cv_%swait with a FIFO read in "
		    "flight came back %d times in the 100 ms before the signal: it does not "
		    "sleep while I/O is in flight", timed ? "timed" : "", returns - 1);
	}
	pipe_end(&p, "CV-930");
	lh_cv_teardown(&c);
}

#define PIPE_TIMEOUT_NS	(50 * 1000000ll)
#define PIPE_PESTER_MS	10		/* a host signal this often */
#define PIPE_PESTER_N	20
#define PIPE_NB_SIGUSR2	31

/*
 * A timed wait with block I/O in flight that nobody signals times out as
 * any other: ETIMEDOUT (60), once its time is up, also while host signals
 * interrupt it. Where the waiter sleeps on an I/O ring, its timeout has to
 * be the ring wait's, and an interrupted ring wait has to go on.
 */
RC_CASE(cv_timedwait_bio_in_flight, "CV-003 CV-004 CV-150",
    "3 cv_timedwaits of 50 ms (KMUTEX interlock) with a block read in flight, no signal "
    "and a host signal every 10 ms: they time out with ETIMEDOUT (60), no earlier than "
    "50 ms and within 5 s (a rare spurious 0 allowed); one of INT64_MAX s ends with 0 at "
    "a cv_signal 100 ms later")
{
	static struct pipe_io p;
	int sig = rch_host_signal(PIPE_NB_SIGUSR2), pestered;
	struct late_signal s;
	struct rc_thread *t;
	const char *why;
	struct lh_cv c;
	uint64_t t0, ns;
	int i, rv, timeouts = 0;

	if (pipe_begin(&p) == -1)
		return;
	lh_cv_setup(&c, ADAPTIVE);
	pestered = rch_catch_signal(sig, &why) == 0 &&
	    rch_signal_me_repeatedly(sig, PIPE_PESTER_MS, PIPE_PESTER_N, &why) == 0;
	for (i = 0; i < 3 && !rc_failed(); i++) {
		rumpuser_mutex_enter(c.m);
		t0 = rch_mono_ns();
		rv = rumpuser_cv_timedwait(c.cv, c.m, 0, PIPE_TIMEOUT_NS);
		ns = rch_mono_ns() - t0;
		rumpuser_mutex_exit(c.m);
		if (rv == 0)
			continue;	/* a spurious wakeup: allowed, if rare */
		timeouts++;
		RC_EXPECT("CV-003", rv == NB_ETIMEDOUT, "cv_timedwait(0, 50 ms) with a block "
		    "read in flight returned %d (want ETIMEDOUT, 60)", rv);
		RC_EXPECT("CV-004", (int64_t)ns >= PIPE_TIMEOUT_NS && ns < 5000000000ull,
		    "cv_timedwait(0, 50 ms) with a block read in flight timed out after %llu us",
		    (unsigned long long)(ns / 1000u));
	}
	if (pestered)
		rch_signals_sent();
	RC_EXPECT("CV-003", timeouts > 0 || rc_failed(), "none of 3 cv_timedwait(0, 50 ms) "
	    "with a block read in flight%s timed out: each returned 0 (woken) though nobody "
	    "signalled", pestered ? " and host signals every 10 ms" : "");
	/* One of whole seconds: its seconds count too. */
	rumpuser_mutex_enter(c.m);
	t0 = rch_mono_ns();
	do
		rv = rumpuser_cv_timedwait(c.cv, c.m, 1, 0);
	while (rv == 0 && rch_mono_ns() - t0 < 5000000000ull);
	ns = rch_mono_ns() - t0;
	rumpuser_mutex_exit(c.m);
	RC_EXPECT("CV-004", rv == NB_ETIMEDOUT && ns >= 1000000000ull && ns < 5000000000ull,
	    "cv_timedwait(1 s, 0) with a block read in flight returned %d after %llu ms "
	    "(want ETIMEDOUT, 60, after 1 s to 5 s)", rv, (unsigned long long)(ns / 1000000u));
	/* A timeout decades away is no timeout at all, on the ring too. */
	s = (struct late_signal){ &c, 0, 0, 100 };
	rumpuser_mutex_enter(c.m);
	if ((t = rc_spawn(late_signal_fn, &s, "rc_signal")) != NULL) {
		for (rv = 0; !s.sent && rv == 0;)
			rv = rumpuser_cv_timedwait(c.cv, c.m, SEC_MAX, 0);
		rumpuser_mutex_exit(c.m);
		rc_join(t);
		RC_EXPECT("CV-150", rv == 0, "cv_timedwait(INT64_MAX s, 0) with a block read in "
		    "flight returned %d before the cv_signal 100 ms later (want 0): a timeout "
		    "decades away expired at once", rv);
	} else {
		rumpuser_mutex_exit(c.m);
	}
	pipe_end(&p, "CV-003");
	lh_cv_teardown(&c);
}

#define LEFT_WAIT_NS	(300 * 1000000ll)	/* long enough for a reaper to idle */
#define LEFT_DONE_MS	5000

/*
 * A block read stays in flight while a thread waits on a cv (KMUTEX
 * interlock) and times out; the read then completes, fed through another
 * descriptor with no block I/O hypercall, while nobody makes one: it still
 * completes. A hypervisor whose waiter sleeps on its I/O ring in place of
 * an idle reaper must hand the ring back when it leaves.
 */
RC_CASE(cv_wait_leaves_bio_in_flight, "BIO-702",
    "a read of a FIFO still in flight when a 300 ms cv_timedwait (KMUTEX interlock) ends "
    "completes within 5 s once the FIFO is fed through iovwrite, with no further bio call")
{
	static struct pipe_io p;
	struct rumpuser_iovec iov = { p.data, PIPE_LEN };
	struct lh_cv c;
	uint64_t end;
	size_t moved;
	int wfd;

	if (pipe_begin(&p) == -1)
		return;
	if (rumpuser_open(p.path, RUMPUSER_OPEN_RDWR, &wfd) != 0) {
		rumpuser_close(p.fd);
		RC_SKIP("the target does not open the FIFO a second time");
	}
	lh_cv_setup(&c, ADAPTIVE);
	rumpuser_mutex_enter(c.m);
	rumpuser_cv_timedwait(c.cv, c.m, 0, LEFT_WAIT_NS);
	rumpuser_mutex_exit(c.m);
	if (rc_load(&p.ndone) == 0 &&
	    rumpuser_iovwrite(wfd, &iov, 1, RUMPUSER_IOV_NOSEEK, &moved) == 0) {
		end = rch_mono_ns() + (uint64_t)LEFT_DONE_MS * 1000000u;
		while (rc_load(&p.ndone) == 0 && rch_mono_ns() < end)
			rch_sleep_ns(1000000);	/* the host's: no hypercall */
		RC_EXPECT("BIO-702", rc_load(&p.ndone) == 1, "a read of a FIFO in flight "
		    "across a 300 ms cv_timedwait did not complete within %d ms of the write "
		    "that fed it (no bio call since): nobody took its completion",
		    LEFT_DONE_MS);
	}
	rumpuser_close(wfd);
	pipe_end(&p, "BIO-702");
	lh_cv_teardown(&c);
}

struct lone_waiter {
	struct lh_cv	*c;
	int		ready, go, woken;
};

static void
lone_waiter_fn(void *arg)
{
	struct lone_waiter *w = arg;

	rumpuser_mutex_enter(w->c->m);
	rc_store(&w->ready, 1);
	while (!w->go)
		rumpuser_cv_wait(w->c->cv, w->c->m);
	rc_store(&w->woken, 1);
	rumpuser_mutex_exit(w->c->m);
}

/*
 * Waits that ended without a wakeup (timed out) while block I/O was in
 * flight leave nothing behind: one cv_signal then wakes the one thread
 * that waits. A wait registered with a second wakeup source (an I/O ring
 * watching the cv) and not withdrawn takes the signal meant for it.
 */
RC_CASE(cv_signal_after_ended_waits, "CV-931",
    "after 3 cv_timedwaits of 20 ms time out with a block read in flight, one cv_signal "
    "wakes the thread then waiting on the cv within 2 s")
{
	static struct pipe_io p;
	struct lone_waiter w;
	struct rc_thread *t;
	struct lh_cv c;
	int i, woken;

	if (pipe_begin(&p) == -1)
		return;
	lh_cv_setup(&c, ADAPTIVE);
	rumpuser_mutex_enter(c.m);
	for (i = 0; i < 3; i++)
		rumpuser_cv_timedwait(c.cv, c.m, 0, 20 * 1000000);
	rumpuser_mutex_exit(c.m);
	w = (struct lone_waiter){ &c, 0, 0, 0 };
	if ((t = rc_spawn(lone_waiter_fn, &w, "rc_waiter")) != NULL) {
		lh_wait_count(&w.ready, 1, LH_PATIENCE_MS);
		rumpuser_mutex_enter(c.m);	/* free once the waiter sleeps */
		w.go = 1;
		rumpuser_cv_signal(c.cv);
		rumpuser_mutex_exit(c.m);
		woken = lh_wait_count(&w.woken, 1, PIPE_WAKE_MS);
		RC_EXPECT("CV-931", woken == 1, "one cv_signal to the only thread waiting did "
		    "not wake it within %d ms, after 3 timed-out waits with a block read in "
		    "flight: an ended wait took the signal", PIPE_WAKE_MS);
		rumpuser_mutex_enter(c.m);
		rumpuser_cv_broadcast(c.cv);	/* let it go either way */
		rumpuser_mutex_exit(c.m);
		rc_join(t);
	}
	pipe_end(&p, "CV-931");
	lh_cv_teardown(&c);
}

#define SLEEP_WAIT_MS	500	/* each wait, until its signal or its timeout */
#define SLEEP_CPU_PCT	10	/* of it, the waiter's host CPU at most (a sleeper: ~0.01%) */
#define SLEEP_GIVE_UP_NS 5000000000ull	/* a wait that never ends is judged here */

/* One kind of wait the waiter makes: a cv_wait, or a timedwait of (sec, nsec). */
struct sleep_kind {
	const char	*what;
	int		timed, signalled;
	int64_t		sec, nsec;
};

/*
 * Wait as k says, holding c->m, until the signal of s came (or, unsignalled,
 * the wait timed out, or SLEEP_GIVE_UP_NS passed): the host CPU the calling
 * thread used meanwhile, or -1 (*why) if unknown; *took: the time waited.
 */
static int64_t
wait_as_kind(struct lh_cv *c, const struct sleep_kind *k, struct late_signal *s,
    uint64_t *took, const char **why)
{
	uint64_t t0;
	int64_t c0;
	int rv = 0;

	c0 = rch_thread_cpu_ns(why);
	t0 = rch_mono_ns();
	do {
		if (k->timed)
			rv = rumpuser_cv_timedwait(c->cv, c->m, k->sec, k->nsec);
		else
			rumpuser_cv_wait(c->cv, c->m);
	} while ((k->signalled ? !s->sent : rv == 0) &&
	    rch_mono_ns() - t0 < SLEEP_GIVE_UP_NS);
	*took = rch_mono_ns() - t0;
	return c0 < 0 ? -1 : rch_thread_cpu_ns(why) - c0;
}

/*
 * A thread that waits on a cv while its block I/O stays in flight sleeps,
 * whatever its deadline: a hypervisor that waits on an I/O ring for both
 * the completions and the cv must not poll the two in turn, nor retry a
 * ring wait that refuses or cuts short a deadline far away.
 */
RC_CASE(cv_waits_sleep_with_bio_in_flight, "CV-970",
    "with a block read of a FIFO in flight, a cv_wait, cv_timedwaits of 1000 s and INT64_MAX "
    "s (KMUTEX interlock) each signalled after 500 ms, and a cv_timedwait of 500 ms that "
    "times out each use under 10% of a host CPU while they wait")
{
	static const struct sleep_kind kinds[] = {
		{ "cv_wait", 0, 1, 0, 0 },
		{ "cv_timedwait(1000 s, 0)", 1, 1, 1000, 0 },
		{ "cv_timedwait(INT64_MAX s, 0)", 1, 1, SEC_MAX, 0 },
		{ "cv_timedwait(0, 500 ms)", 1, 0, 0, SLEEP_WAIT_MS * 1000000ll },
	};
	static struct pipe_io p;
	const struct sleep_kind *k;
	struct late_signal s;
	struct rc_thread *t;
	const char *why = NULL;
	struct lh_cv c;
	uint64_t took;
	int64_t cpu = 0;

	if (pipe_begin(&p) == -1)
		return;
	lh_cv_setup(&c, ADAPTIVE);
	for (k = kinds; k < kinds + sizeof(kinds) / sizeof(kinds[0]) && !rc_failed(); k++) {
		s = (struct late_signal){ &c, 0, 0, SLEEP_WAIT_MS };
		t = NULL;
		rumpuser_mutex_enter(c.m);
		if (k->signalled && (t = rc_spawn(late_signal_fn, &s, "rc_signal")) == NULL) {
			rumpuser_mutex_exit(c.m);
			break;
		}
		cpu = wait_as_kind(&c, k, &s, &took, &why);
		rumpuser_mutex_exit(c.m);
		if (t != NULL)
			rc_join(t);
		if (cpu < 0)
			break;
		RC_EXPECT("CV-970", cpu * 100 <= (int64_t)took * SLEEP_CPU_PCT, "%s with a FIFO "
		    "read in flight used %lld ms of host CPU in the %llu ms it waited (want under "
		    "%d%%): it polls instead of sleeping", k->what, (long long)(cpu / 1000000),
		    (unsigned long long)(took / 1000000u), SLEEP_CPU_PCT);
	}
	pipe_end(&p, "CV-970");
	lh_cv_teardown(&c);
	if (cpu < 0 && !rc_failed())
		rc_skip(why);
}

/*
 * Waits that end, by a timeout or a wakeup, while block I/O is in flight
 * take their thread off the waiter count, as any other: a wait on the I/O
 * ring is a second path that must leave the count as it found it.
 */
RC_CASE(cv_has_waiters_after_bio_waits, "CV-006",
    "with a block read of a FIFO in flight, cv_has_waiters (KMUTEX interlock) is 0 again once a "
    "cv_timedwait of 20 ms timed out, and once a cv_timedwait of 5 s and a cv_wait each "
    "returned at a cv_signal 50 ms later")
{
	static const struct sleep_kind kinds[] = {
		{ "cv_timedwait(0, 20 ms) that timed out", 1, 0, 0, 20 * 1000000ll },
		{ "signalled cv_timedwait(5 s, 0)", 1, 1, 5, 0 },
		{ "signalled cv_wait", 0, 1, 0, 0 },
	};
	static struct pipe_io p;
	const struct sleep_kind *k;
	struct late_signal s;
	struct rc_thread *t;
	const char *why;
	struct lh_cv c;
	uint64_t took;
	int after;

	if (pipe_begin(&p) == -1)
		return;
	lh_cv_setup(&c, ADAPTIVE);
	for (k = kinds; k < kinds + sizeof(kinds) / sizeof(kinds[0]) && !rc_failed(); k++) {
		s = (struct late_signal){ &c, 0, 0, 50 };
		t = NULL;
		rumpuser_mutex_enter(c.m);
		if (k->signalled && (t = rc_spawn(late_signal_fn, &s, "rc_signal")) == NULL) {
			rumpuser_mutex_exit(c.m);
			break;
		}
		(void)wait_as_kind(&c, k, &s, &took, &why);
		after = has_waiters(&c);
		rumpuser_mutex_exit(c.m);
		if (t != NULL)
			rc_join(t);
		RC_EXPECT("CV-006", after == 0, "has_waiters is %d once the only waiter's %s "
		    "with a FIFO read in flight returned: that wait does not take the waiter off "
		    "the count, and the kernel's cv_has_waiters() reports sleepers that are gone",
		    after, k->what);
	}
	pipe_end(&p, "CV-006");
	lh_cv_teardown(&c);
}

static const struct rc_case *const cases[] = {
	RC_REF(cv_signal_wakes_one), RC_REF(cv_broadcast_wakes_all),
	RC_REF(cv_timedwait_timeout_code), RC_REF(cv_timedwait_relative),
	RC_REF(cv_timedwait_seconds), RC_REF(cv_timedwait_zero),
	RC_REF(cv_timedwait_wall_steps),
	RC_REF(cv_timedwait_signalled), RC_REF(cv_has_waiters),
	RC_REF(cv_has_waiters_after_timeout), RC_REF(cv_has_waiters_after_each_wait),
	RC_REF(cv_wait_unschedules),
	RC_REF(cv_timedwait_unschedules), RC_REF(cv_order_spin_kmutex),
	RC_REF(cv_order_spin_kmutex_timeout), RC_REF(cv_order_spin),
	RC_REF(cv_order_kmutex), RC_REF(cv_owner_after_wakeup),
	RC_REF(cv_owner_spin_kmutex_after_wakeup), RC_REF(cv_owner_after_timeout),
	RC_REF(cv_schedlock_corner), RC_REF(cv_wait_nowrap_keeps_cpu),
	RC_REF(cv_timedwait_bio_held), RC_REF(cv_signal_with_bio_in_flight),
	RC_REF(cv_signal_after_ended_waits), RC_REF(cv_timedwait_bio_in_flight),
	RC_REF(cv_wait_leaves_bio_in_flight), RC_REF(cv_waits_sleep_with_bio_in_flight),
	RC_REF(cv_has_waiters_after_bio_waits),
	RC_REF(cv_wait_nowrap_without_lwp), RC_REF(cv_pingpong),
	RC_REF(cv_interlock_released), RC_REF(cv_wait_sleeps), RC_REF(cv_timedwait_sleeps),
	RC_REF(cv_wait_sleeps_bio_in_flight), NULL
};
const struct rc_area rc_area_cv = { "cv", cases };
