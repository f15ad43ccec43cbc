/*
 * lockhelp.h -- helpers shared by the lock-family areas (mutex, rwlock,
 * cv, upcall): timing, bare hypervisor threads, lock holders and
 * CPU-release counting.  Header-only (static inline), so each area's
 * program stays self-contained and the Makefile needs nothing extra.
 */
#ifndef LOCKHELP_H
#define LOCKHELP_H

#include "mockkern.h"

#define LH_NS_PER_MS	1000000ull
/* How long an event that should take microseconds may take on a loaded host. */
#define LH_PATIENCE_MS	2000
/* What a busy try returns on NetBSD's librumpuser (facts §2.5). */
#define LH_EBUSY	16
/* How long "this must not happen" is watched for. */
#define LH_SETTLE_MS	30
/* Attempts at making a lock contended before a case gives up (skips). */
#define LH_CONTEND_TRIES 5

static inline uint64_t
lh_ns(unsigned ms)
{
	return (uint64_t)ms * LH_NS_PER_MS;
}

static inline uint64_t
lh_ms_since(uint64_t t0)
{
	return (rch_mono_ns() - t0) / LH_NS_PER_MS;
}

/* Wait (giving the CPU away) until *p >= want or ms pass; returns *p. */
static inline int
lh_wait_count(volatile int *p, int want, unsigned ms)
{
	uint64_t end = rch_mono_ns() + lh_ns(ms);

	while (rc_load(p) < want && rch_mono_ns() < end)
		rc_sleep_ms(1);
	return rc_load(p);
}

/* Run fn(arg) on a fresh kernel-like thread (lwp + CPU) and wait for it. */
static inline void
lh_run_elsewhere(void (*fn)(void *), void *arg)
{
	rc_join(rc_spawn(fn, arg, "rc_probe"));
}

/* The owner mutex_owner reports for m (a KMUTEX mutex). */
static inline struct lwp *
lh_owner(struct rumpuser_mtx *m)
{
	struct lwp *l = (struct lwp *)1;

	rumpuser_mutex_owner(m, &l);
	return l;
}

struct lh_tryprobe {
	struct rumpuser_mtx *m;
	int rv;
};

static inline void
lh_tryprobe_fn(void *a)
{
	struct lh_tryprobe *p = a;

	p->rv = rumpuser_mutex_tryenter(p->m);
	if (p->rv == 0)
		rumpuser_mutex_exit(p->m);
}

/* What tryenter returns to another kernel thread trying m once. */
static inline int
lh_tryenter_elsewhere(struct rumpuser_mtx *m)
{
	struct lh_tryprobe p = { m, -1 };

	lh_run_elsewhere(lh_tryprobe_fn, &p);
	return p.rv;
}

/* The big-lock depth the mock kernel gave the calling lwp. */
static inline int
lh_biglocks(void)
{
	struct lwp *l = mk_curlwp();

	return l != NULL ? l->l_biglocks : -1;
}

/*
 * Bare hypervisor threads: created with rumpuser_thread_create directly,
 * so they run with no lwp and no virtual CPU, like the kernel's thread
 * trampoline before it binds its lwp.
 */
struct lh_raw {
	void (*fn)(void *);
	void *arg;
	void *cookie;
};

static inline void *
lh_raw_main(void *a)
{
	struct lh_raw *r = a;

	r->fn(r->arg);
	rumpuser_thread_exit();
}

/* Returns what rumpuser_thread_create returned. */
static inline int
lh_raw_start(struct lh_raw *r, void (*fn)(void *), void *arg)
{
	r->fn = fn;
	r->arg = arg;
	r->cookie = NULL;
	return rumpuser_thread_create(lh_raw_main, r, "rc_raw", 1, -1, -1, &r->cookie);
}

static inline int
lh_raw_join(struct lh_raw *r)
{
	return rumpuser_thread_join(r->cookie);
}

/*
 * A thread that holds a mutex (or rwlock) until told to let go or until
 * hold_ms pass, whichever comes first.  It polls with rc_sleep_ms so that
 * cooperative (fiber) hypervisors get to run the other threads.
 */
typedef void (*lh_enter_fn)(struct rumpuser_mtx *);

struct lh_holder {
	struct rumpuser_mtx *m;		/* a mutex, or */
	struct rumpuser_rw *rw;		/* an rwlock taken with rwop */
	int rwop;
	lh_enter_fn enter;		/* how to take m; NULL: mutex_enter */
	unsigned hold_ms;
	volatile int holding;		/* set once the lock is held */
	volatile int release;		/* set by the case to end the hold */
	uint64_t let_go_ns;		/* host time just before the exit */
	struct lwp *lwp;		/* the holder's lwp */
	const char *id;			/* catalog ID if the free lock is not taken */
};

static inline void
lh_hold_fn(void *a)
{
	struct lh_holder *h = a;
	uint64_t end;

	rc_store(&h->lwp, rumpuser_curlwp());
	if (h->rw != NULL)
		rumpuser_rw_enter(h->rwop, h->rw);
	else if (h->enter != NULL)
		h->enter(h->m);
	else
		rumpuser_mutex_enter(h->m);
	rc_store(&h->holding, 1);
	end = rch_mono_ns() + lh_ns(h->hold_ms);
	while (!rc_load(&h->release) && rch_mono_ns() < end)
		rc_sleep_ms(1);
	rc_store(&h->let_go_ns, rch_mono_ns());
	if (h->rw != NULL)
		rumpuser_rw_exit(h->rw);
	else
		rumpuser_mutex_exit(h->m);
}

/* Start h on a kernel-like thread and wait until it holds its lock. */
static inline struct rc_thread *
lh_hold_start(struct lh_holder *h)
{
	struct rc_thread *t = rc_spawn(lh_hold_fn, h, "rc_holder");

	if (t != NULL && !rc_wait_flag(&h->holding, LH_PATIENCE_MS))
		rc_fail(h->id != NULL ? h->id : "MTX-001", __FILE__, __LINE__,
		    "the holder thread did not get a free lock within %d ms", LH_PATIENCE_MS);
	return t;
}

static inline void
lh_hold_stop(struct lh_holder *h, struct rc_thread *t)
{
	rc_store(&h->release, 1);
	rc_join(t);
}

/*
 * Take the lock h describes while a holder thread keeps it for 50 ms; the
 * take is done by take(h) on the calling thread, which must then release
 * it with give(h).  Returns the virtual-CPU releases during take, or -1 if
 * the take did not actually have to wait (the host delayed us past the
 * holder's exit), or if something already failed.
 */
static inline long
lh_contended(struct lh_holder *h, void (*take)(struct lh_holder *),
    void (*give)(struct lh_holder *))
{
	struct rc_thread *t;
	unsigned long u0;
	uint64_t start;
	long n;

	h->hold_ms = 50;
	h->holding = h->release = 0;
	h->let_go_ns = 0;
	t = lh_hold_start(h);
	if (rc_failed()) {
		lh_hold_stop(h, t);
		return -1;
	}
	start = rch_mono_ns();
	u0 = mk_unsched_count();
	take(h);
	n = (long)(mk_unsched_count() - u0);
	give(h);
	rc_join(t);
	return start < rc_load(&h->let_go_ns) ? n : -1;
}

/* lh_contended, retried until the take really waited; -1 if it never did. */
static inline long
lh_contended_retry(struct lh_holder *h, void (*take)(struct lh_holder *),
    void (*give)(struct lh_holder *))
{
	long n = -1;
	int i;

	for (i = 0; i < LH_CONTEND_TRIES && n < 0 && !rc_failed(); i++)
		n = lh_contended(h, take, give);
	return n;
}

/* A cv and its interlock. */
struct lh_cv {
	struct rumpuser_mtx *m;
	struct rumpuser_cv *cv;
	int flags;
};

static inline void
lh_cv_setup(struct lh_cv *c, int flags)
{
	c->m = NULL;
	c->cv = NULL;
	c->flags = flags;
	rumpuser_mutex_init(&c->m, flags);
	rumpuser_cv_init(&c->cv);
	if (c->m == NULL || c->cv == NULL) {
		rc_fail("CV-002", __FILE__, __LINE__, "mutex_init or cv_init gave NULL");
		rch_abort_case("no cv");
	}
}

static inline void
lh_cv_teardown(struct lh_cv *c)
{
	rumpuser_cv_destroy(c->cv);
	rumpuser_mutex_destroy(c->m);
}

/*
 * The signaller takes the interlock -- possible only once the waiter,
 * which holds it when the signaller starts, sleeps -- sets go, signals.
 * With watch_owner it first checks that the sleeping waiter's mutex
 * reports no owner.
 */
struct lh_signaller {
	struct lh_cv *c;
	int watch_owner;
	volatile int go;
	int owner_freed;	/* saw owner NULL while the waiter slept */
};

static inline void
lh_signal_fn(void *a)
{
	struct lh_signaller *s = a;
	uint64_t end = rch_mono_ns() + lh_ns(LH_PATIENCE_MS);

	while (s->watch_owner && !s->owner_freed && rch_mono_ns() < end) {
		s->owner_freed = lh_owner(s->c->m) == NULL;
		rc_sleep_ms(1);
	}
	rumpuser_mutex_enter(s->c->m);
	rc_store(&s->go, 1);
	rumpuser_cv_signal(s->c->cv);
	rumpuser_mutex_exit(s->c->m);
}

/* A thread that sleeps on c until go, after saying it is about to. */
struct lh_sleeper {
	struct lh_cv *c;
	volatile int ready, go;
};

static inline void
lh_sleeper_fn(void *a)
{
	struct lh_sleeper *s = a;

	rumpuser_mutex_enter(s->c->m);
	rc_store(&s->ready, 1);
	while (!rc_load(&s->go))
		rumpuser_cv_wait(s->c->cv, s->c->m);
	rumpuser_mutex_exit(s->c->m);
}

/*
 * Busy waits: the host CPU a thread uses while it should be asleep. A
 * blocked call may use LH_BUSY_PCT percent of the time it blocked.
 */
#define LH_BUSY_PCT	3

struct lh_cpu {
	uint64_t t0;		/* host time at the start */
	int64_t c0;		/* the thread's CPU time then; -1 unknown */
	int64_t cpu_ns;		/* CPU time used in between; -1 unknown */
	uint64_t wall_ns;
	const char *why;	/* why unknown */
};

/* Begin and end the measure on the thread that blocks. */
static inline void
lh_cpu_begin(struct lh_cpu *m)
{
	m->t0 = rch_mono_ns();
	m->c0 = rch_thread_cpu_ns(&m->why);
}

static inline void
lh_cpu_end(struct lh_cpu *m)
{
	m->cpu_ns = m->c0 < 0 ? -1 : rch_thread_cpu_ns(&m->why) - m->c0;
	m->wall_ns = rch_mono_ns() - m->t0;
}

/* The blocked call measured by m slept (checked under id); skips where unknown. */
static inline void
lh_cpu_check(const char *id, const char *call, const struct lh_cpu *m)
{
	if (m->cpu_ns < 0) {
		rc_skip(m->why);
		return;
	}
	RC_EXPECT(id, m->cpu_ns * 100 <= (int64_t)m->wall_ns * LH_BUSY_PCT,
	    "%s blocked for %llu ms used %llu ms of host CPU (more than %d%%): it polls or "
	    "spins instead of sleeping", call, (unsigned long long)(m->wall_ns / LH_NS_PER_MS),
	    (unsigned long long)(m->cpu_ns / 1000000), LH_BUSY_PCT);
}

#endif /* LOCKHELP_H */
