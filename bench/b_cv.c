/*
 * b_cv.c -- condition variable ping-pong: the benchmark thread hands a
 * turn to a partner thread and waits for it back (signal + wait, both
 * ways). One operation is one round trip. The limit does the same with
 * the host's condition and mutex (pthreads; a wait queue and a mutex in
 * the kernel).
 */
#include "bench_env.h"
#include "bench_prim.h"

/* The lock, the cv and the turn, as the target or the host has them. */
struct pp_ops {
	void (*lock)(void *);
	void (*unlock)(void *);
	void (*wait)(void *cv, void *mtx);
	void (*signal)(void *cv);
	int kernel;			/* the partner enters the kernel */
};

struct pp_bench {
	const struct pp_ops *ops;
	void *mtx, *cv;
	int turn;			/* 1: the partner's */
	int stop;
	bench_thread_t partner;
	void *kpartner;			/* the target's, a kernel thread */
	int running;
	struct rumpuser_mtx *tmtx;
	struct rumpuser_cv *tcv;
	bench_mutex_t pm;
	bench_cond_t pc;
};

static void tgt_lock(void *m) { rc_tgt.mutex_enter(m); }
static void tgt_unlock(void *m) { rc_tgt.mutex_exit(m); }
static void tgt_wait(void *cv, void *m) { rc_tgt.cv_wait(cv, m); }
static void tgt_signal(void *cv) { rc_tgt.cv_signal(cv); }
static void host_lock(void *m) { bench_mutex_lock(m); }
static void host_unlock(void *m) { bench_mutex_unlock(m); }
static void host_wait(void *cv, void *m) { bench_cond_wait(cv, m); }
static void host_signal(void *cv) { bench_cond_signal(cv); }

static const struct pp_ops pp_target_ops = { tgt_lock, tgt_unlock, tgt_wait, tgt_signal, 1 };
static const struct pp_ops pp_host_ops = { host_lock, host_unlock, host_wait, host_signal, 0 };

static struct pp_bench pp_target = { .ops = &pp_target_ops };
static struct pp_bench pp_limit = { .ops = &pp_host_ops };

static void *
pp_partner(void *arg)
{
	struct pp_bench *p = arg;
	const struct pp_ops *o = p->ops;

	if (o->kernel && bench_enter_thread() == -1)
		return NULL;
	o->lock(p->mtx);
	for (;;) {
		while (p->turn == 0 && !p->stop)
			o->wait(p->cv, p->mtx);
		if (p->stop)
			break;
		p->turn = 0;
		o->signal(p->cv);
	}
	o->unlock(p->mtx);
	if (o->kernel)
		bench_leave();
	return NULL;
}

/*
 * The target's partner is a kernel thread (rumpuser_thread_create), so
 * that hypervisors running every thread on one host thread have it too.
 */
static void *
pp_start(struct cb_state *st, struct pp_bench *p)
{
	int rv;

	p->turn = 0;
	p->stop = 0;
	if (p->ops->kernel)
		rv = rc_tgt.thread_create(pp_partner, p, "partner", 1, -1, -1,
		    &p->kpartner);
	else
		rv = bench_thread_start(&p->partner, pp_partner, p);
	if (rv != 0) {
		cb_skip(st, "cannot create the partner thread");
		return NULL;
	}
	p->running = 1;
	return NULL;
}

static void
pp_stop(struct pp_bench *p)
{
	if (!p->running)
		return;
	p->ops->lock(p->mtx);
	p->stop = 1;
	p->ops->signal(p->cv);
	p->ops->unlock(p->mtx);
	if (p->ops->kernel)
		rc_tgt.thread_join(p->kpartner);
	else
		bench_thread_join(&p->partner);
	p->running = 0;
}

static void *
pp_target_setup(struct cb_state *st, void *arg)
{
	struct pp_bench *p = arg;

	if (BENCH_NEED(st, mutex_init) || BENCH_NEED(st, cv_init) ||
	    BENCH_NEED(st, cv_wait) || BENCH_NEED(st, cv_signal) ||
	    BENCH_NEED(st, cv_destroy) || BENCH_NEED(st, thread_create) ||
	    BENCH_NEED(st, thread_join) || bench_enter(st))
		return NULL;
	(rc_tgt.mutex_init)(&p->tmtx, RUMPUSER_MTX_KMUTEX);
	rc_tgt.cv_init(&p->tcv);
	p->mtx = p->tmtx;
	p->cv = p->tcv;
	return pp_start(st, p);
}

static void
pp_target_teardown(struct cb_state *st, void *arg)
{
	struct pp_bench *p = arg;

	(void)st;
	pp_stop(p);
	if (p->tcv != NULL) {
		rc_tgt.cv_destroy(p->tcv);
		rc_tgt.mutex_destroy(p->tmtx);
		p->tcv = NULL;
		p->tmtx = NULL;
	}
	bench_leave();
}

static void *
pp_limit_setup(struct cb_state *st, void *arg)
{
	struct pp_bench *p = arg;

	p->mtx = &p->pm;
	p->cv = &p->pc;
	return pp_start(st, p);
}

static void
pp_limit_teardown(struct cb_state *st, void *arg)
{
	(void)st;
	pp_stop(arg);
}

static void
bm_pingpong(struct cb_state *st, uint64_t n, void *arg)
{
	struct pp_bench *p = arg;
	const struct pp_ops *o = p->ops;

	(void)st;
	o->lock(p->mtx);
	for (; n > 0; n--) {
		p->turn = 1;
		o->signal(p->cv);
		while (p->turn == 1)
			o->wait(p->cv, p->mtx);
	}
	o->unlock(p->mtx);
}

void
bench_register_cv(void)
{
	struct bench_pair p = {
		.name = "cv_pingpong", .target = bm_pingpong,
		.limit = bm_pingpong, .target_setup = pp_target_setup,
		.target_teardown = pp_target_teardown,
		.limit_setup = pp_limit_setup,
		.limit_teardown = pp_limit_teardown,
		.arg = &pp_target, .limit_arg = &pp_limit,
	};

	bench_mutex_init(&pp_limit.pm);
	bench_cond_init(&pp_limit.pc);
	bench_pair(&p);
}
