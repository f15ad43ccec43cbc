/*
 * curlwp.c -- rumpuser_curlwpop and rumpuser_curlwp beyond the basics the
 * harness relies on (LWP-001..004): per-thread bindings under
 * concurrency, CREATE/DESTROY leaving bindings alone, an lwp moving
 * between host threads, and the binding staying put across hypercalls.
 *
 * Most cases use raw hypervisor threads, which start with nothing bound.
 */
#include "mockkern.h"

#define NS_PER_MS	1000000u
#define BINDERS		8
#define ROUNDS		20000
#define CHURN		1000
#define FAST_CALLS	1000000

/* Run fn(arg) on a new raw thread (nothing bound) and wait for it. */
static void
on_raw_thread(void *(*fn)(void *), void *arg)
{
	void *cookie = NULL;
	int error = rumpuser_thread_create(fn, arg, "rc_raw", 1, -1, -1,
	    &cookie);

	if (!RC_EXPECT("THR-001", error == 0, "thread_create failed with %d",
	    error))
		return;
	error = rumpuser_thread_join(cookie);
	RC_EXPECT("THR-002", error == 0, "thread_join failed with %d", error);
}

static int
bound_is(struct lwp *want, const char *id, const char *when)
{
	struct lwp *l = rumpuser_curlwp();

	return RC_EXPECT(id, l == want, "%s: curlwp() is %p, want %p", when,
	    (void *)l, (void *)want);
}

static void *
set_clear_set(void *arg)
{
	struct lwp *a = mk_lwp_create(), *b = mk_lwp_create();

	(void)arg;
	if (bound_is(NULL, "LWP-002", "on a new thread")) {
		rumpuser_curlwpop(RUMPUSER_LWP_SET, a);
		bound_is(a, "LWP-001", "after SET(a)");
		rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, a);
		bound_is(NULL, "LWP-002", "after CLEAR(a)");
		rumpuser_curlwpop(RUMPUSER_LWP_SET, b);
		bound_is(b, "LWP-013", "after CLEAR(a), SET(b)");
		rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, b);
		rumpuser_curlwpop(RUMPUSER_LWP_SET, a);
		bound_is(a, "LWP-013", "after CLEAR(b), SET(a) again");
		rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, a);
	}
	mk_lwp_destroy(a);
	mk_lwp_destroy(b);
	rumpuser_thread_exit();
}

RC_CASE(set_clear_switch, "LWP-001 LWP-002 LWP-013",
    "on one thread, SET/CLEAR of one lwp and switching between two (CLEAR a, SET b) are seen by curlwp")
{
	on_raw_thread(set_clear_set, NULL);
}

static struct rc_gate binders_go;

/* Rebind its own lwp over and over while the others do the same. */
static void *
binder(void *arg)
{
	struct lwp *mine = mk_lwp_create();
	int i, wrong = 0;

	(void)arg;
	rc_gate_wait(&binders_go);
	rumpuser_curlwpop(RUMPUSER_LWP_SET, mine);
	for (i = 0; i < ROUNDS; i++) {
		if (rumpuser_curlwp() != mine)
			wrong++;
		if (i % 64 == 63) {
			rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, mine);
			if (rumpuser_curlwp() != NULL)
				wrong++;
			rumpuser_curlwpop(RUMPUSER_LWP_SET, mine);
		}
	}
	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, mine);
	mk_lwp_destroy(mine);
	RC_EXPECT("LWP-010", wrong == 0, "%d of %d curlwp() calls saw "
	    "another thread's binding", wrong, ROUNDS);
	rumpuser_thread_exit();
}

/*
 * Two threads in lock step: the first binds, the second binds while the
 * first still holds its binding, then each checks its own. A binding kept
 * anywhere but per thread fails this every time, not only on a lucky race.
 */
struct lockstep {
	struct rc_gate first_bound, second_bound, first_checked;
};

static void *
lockstep_first(void *arg)
{
	struct lockstep *ls = arg;
	struct lwp *mine = mk_lwp_create();

	rumpuser_curlwpop(RUMPUSER_LWP_SET, mine);
	rc_gate_open(&ls->first_bound);
	rc_gate_wait(&ls->second_bound);
	bound_is(mine, "LWP-010", "first thread, after a second thread bound its own lwp");
	rc_gate_open(&ls->first_checked);
	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, mine);
	mk_lwp_destroy(mine);
	rumpuser_thread_exit();
}

static void *
lockstep_second(void *arg)
{
	struct lockstep *ls = arg;
	struct lwp *mine = mk_lwp_create();

	rc_gate_wait(&ls->first_bound);
	rumpuser_curlwpop(RUMPUSER_LWP_SET, mine);
	rc_gate_open(&ls->second_bound);
	rc_gate_wait(&ls->first_checked);
	bound_is(mine, "LWP-010", "second thread, with the first one still bound");
	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, mine);
	mk_lwp_destroy(mine);
	rumpuser_thread_exit();
}

static void
bind_in_lockstep(void)
{
	struct lockstep ls;
	void *c1 = NULL, *c2 = NULL;
	int e1, e2;

	rc_gate_init(&ls.first_bound);
	rc_gate_init(&ls.second_bound);
	rc_gate_init(&ls.first_checked);
	e1 = rumpuser_thread_create(lockstep_first, &ls, "rc_step1", 1, -1, -1, &c1);
	e2 = rumpuser_thread_create(lockstep_second, &ls, "rc_step2", 1, -1, -1, &c2);
	if (e1 != 0 || e2 != 0) {
		/* Whichever started must not wait for the other forever. */
		rc_gate_open(&ls.first_bound);
		rc_gate_open(&ls.second_bound);
		rc_gate_open(&ls.first_checked);
	}
	RC_EXPECT("THR-001", e1 == 0 && e2 == 0, "thread_create failed (%d, %d)", e1, e2);
	if (e1 == 0)
		RC_EXPECT("THR-002", rumpuser_thread_join(c1) == 0, "thread_join failed");
	if (e2 == 0)
		RC_EXPECT("THR-002", rumpuser_thread_join(c2) == 0, "thread_join failed");
	rc_gate_destroy(&ls.first_checked);
	rc_gate_destroy(&ls.second_bound);
	rc_gate_destroy(&ls.first_bound);
}

RC_CASE(no_leak_between_threads, "LWP-010",
    "two threads bound in lock step, then eight binding and clearing their own lwps at "
    "once, each always see their own")
{
	void *cookie[BINDERS];
	int i, n, error = 0;

	bind_in_lockstep();
	RC_BAIL();
	rc_gate_init(&binders_go);
	for (n = 0; n < BINDERS; n++) {
		error = rumpuser_thread_create(binder, NULL, "rc_binder", 1, -1,
		    -1, &cookie[n]);
		if (error != 0)
			break;
	}
	rc_gate_open(&binders_go);
	for (i = 0; i < n; i++)
		RC_EXPECT("THR-002", rumpuser_thread_join(cookie[i]) == 0,
		    "thread_join failed");
	rc_gate_destroy(&binders_go);
	RC_ASSERT_EQ("THR-001", error, 0, "thread_create");
}

/* CREATE and DESTROY of other lwps never touch this thread's binding. */
static void
churn_lwps(struct lwp *expect)
{
	struct lwp *l;
	int i;

	for (i = 0; i < CHURN; i++) {
		l = mk_lwp_create();
		if (!bound_is(expect, "LWP-011", "after CREATE of another lwp"))
			break;
		mk_lwp_destroy(l);
		if (!bound_is(expect, "LWP-011", "after DESTROY of another lwp"))
			break;
	}
}

static void *
churn_unbound(void *arg)
{
	(void)arg;
	churn_lwps(NULL);
	rumpuser_thread_exit();
}

RC_CASE(create_destroy_leave_binding, "LWP-011",
    "CREATE and DESTROY of 1000 other lwps leave the caller's binding (set or none) unchanged")
{
	churn_lwps(mk_curlwp());
	RC_BAIL();
	on_raw_thread(churn_unbound, NULL);
}

/* A hands its lwp over to B; each step waits for the one before. */
struct handover {
	struct lwp *l;
	struct rc_gate a_cleared, b_set, a_checked;
	volatile int b_bound;	/* B got past its SET */
};

static void *
hand_over_a(void *arg)
{
	struct handover *h = arg;

	rumpuser_curlwpop(RUMPUSER_LWP_SET, h->l);
	bound_is(h->l, "LWP-001", "thread A after SET");
	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, h->l);
	rc_gate_open(&h->a_cleared);
	rc_gate_wait(&h->b_set);
	bound_is(NULL, "LWP-014", "thread A while B holds its old lwp");
	rc_gate_open(&h->a_checked);
	rumpuser_thread_exit();
}

static void *
hand_over_b(void *arg)
{
	struct handover *h = arg;

	rc_gate_wait(&h->a_cleared);
	rumpuser_curlwpop(RUMPUSER_LWP_SET, h->l);
	bound_is(h->l, "LWP-014", "thread B after SET of A's lwp");
	rc_store(&h->b_bound, 1);
	rc_gate_open(&h->b_set);
	rc_gate_wait(&h->a_checked);
	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, h->l);
	rumpuser_thread_exit();
}

static void
handover_init(struct handover *h)
{
	h->l = mk_lwp_create();
	h->b_bound = 0;
	rc_gate_init(&h->a_cleared);
	rc_gate_init(&h->b_set);
	rc_gate_init(&h->a_checked);
}

/* Open every gate, so that a thread whose partner never started ends. */
static void
handover_release(struct handover *h)
{
	rc_gate_open(&h->a_cleared);
	rc_gate_open(&h->b_set);
	rc_gate_open(&h->a_checked);
}

static void
handover_fini(struct handover *h)
{
	rc_gate_destroy(&h->a_cleared);
	rc_gate_destroy(&h->b_set);
	rc_gate_destroy(&h->a_checked);
	mk_lwp_destroy(h->l);
}

RC_CASE(lwp_moves_between_threads, "LWP-014",
    "an lwp cleared on one host thread can be set on another, and only that one sees it")
{
	struct handover h;
	void *ca = NULL, *cb = NULL;
	int ea, eb;

	handover_init(&h);
	ea = rumpuser_thread_create(hand_over_a, &h, "rc_a", 1, -1, -1, &ca);
	eb = rumpuser_thread_create(hand_over_b, &h, "rc_b", 1, -1, -1, &cb);
	if (ea != 0 || eb != 0)
		handover_release(&h);
	if (ea == 0)
		rumpuser_thread_join(ca);
	if (eb == 0)
		rumpuser_thread_join(cb);
	handover_fini(&h);
	RC_ASSERT("THR-001", ea == 0 && eb == 0, "thread_create: %d, %d", ea,
	    eb);
	RC_ASSERT("LWP-014", rc_load(&h.b_bound), "thread B never bound the lwp");
}

static void *
noop_thread(void *arg)
{
	(void)arg;
	rumpuser_thread_exit();
}

/* A round of hypercalls that block, allocate and lock. */
static void
hypercall_round(struct rumpuser_mtx *m)
{
	unsigned char rnd[16];
	void *mem = NULL, *cookie = NULL;
	size_t n;

	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 100000);
	if (rumpuser_malloc(100, 0, &mem) == 0)
		rumpuser_free(mem, 100);
	rumpuser_mutex_enter(m);
	rumpuser_mutex_exit(m);
	rumpuser_getrandom(rnd, sizeof(rnd), 0, &n);
	if (rumpuser_thread_create(noop_thread, NULL, "rc_noop", 1, -1, -1,
	    &cookie) == 0)
		rumpuser_thread_join(cookie);
}

static void
stay_bound(void *arg)
{
	struct lwp *mine = mk_curlwp();
	struct rumpuser_mtx *m = arg;
	int i;

	for (i = 0; i < 50 && !rc_failed(); i++) {
		hypercall_round(m);
		bound_is(mine, "LWP-012", "after sleep/malloc/mutex/random/thread calls");
	}
}

RC_CASE(stable_across_hypercalls, "LWP-012",
    "on four kernel threads at once, curlwp stays each one's own lwp across blocking and other hypercalls")
{
	struct rc_thread *t[4];
	struct rumpuser_mtx *m;
	int i;

	rumpuser_mutex_init(&m, RUMPUSER_MTX_KMUTEX);
	for (i = 0; i < 4; i++)
		t[i] = rc_spawn(stay_bound, m, "rc_stable");
	stay_bound(m);
	for (i = 0; i < 4; i++)
		rc_join(t[i]);
	rumpuser_mutex_destroy(m);
}

RC_CASE(curlwp_is_cheap, "LWP-015",
    "one million curlwp() calls take under a second (the kernel calls it constantly)")
{
	struct lwp *mine = mk_curlwp(), *seen = mine;
	uint64_t t0 = rch_mono_ns(), took;
	int i;

	for (i = 0; i < FAST_CALLS; i++)
		if ((seen = rumpuser_curlwp()) != mine)
			break;
	took = rch_mono_ns() - t0;
	RC_ASSERT("LWP-012", seen == mine, "curlwp() changed to %p at call %d",
	    (void *)seen, i);
	RC_ASSERT("LWP-015", took < 1000000000u,
	    "%d curlwp() calls took %llu ms", FAST_CALLS,
	    (unsigned long long)(took / NS_PER_MS));
}

static const struct rc_case *const cases[] = {
	RC_REF(set_clear_switch), RC_REF(no_leak_between_threads),
	RC_REF(create_destroy_leave_binding), RC_REF(lwp_moves_between_threads),
	RC_REF(stable_across_hypercalls), RC_REF(curlwp_is_cheap), NULL
};
const struct rc_area rc_area_curlwp = { "curlwp", cases };
