/*
 * b_mutex.c -- kernel mutexes (KMUTEX adaptive and SPIN) against the
 * host's mutex and spin lock (bench_prim.h): uncontended enter/exit,
 * tryenter/exit, and enter/exit by two threads on one CPU or on two.
 */
#include "bench_env.h"
#include "bench_prim.h"

struct mtx_bench {
	int flags;			/* RUMPUSER_MTX_* */
	enum bench_cpus cpus;
	struct rumpuser_mtx *mtx;	/* the target's, made by thread 0 */
	bench_mutex_t pm;		/* the limit's, for KMUTEX */
	bench_spin_t ps;		/* the limit's, for SPIN */
};

static struct mtx_bench mtx_kmutex = { .flags = RUMPUSER_MTX_KMUTEX };
static struct mtx_bench mtx_spin = { .flags = RUMPUSER_MTX_SPIN };
static struct mtx_bench mtx_try = { .flags = RUMPUSER_MTX_KMUTEX };
static struct mtx_bench mtx_contended[4] = {
	{ .flags = RUMPUSER_MTX_KMUTEX, .cpus = BENCH_SAME_CPU },
	{ .flags = RUMPUSER_MTX_KMUTEX, .cpus = BENCH_CROSS_CPU },
	{ .flags = RUMPUSER_MTX_SPIN, .cpus = BENCH_SAME_CPU },
	{ .flags = RUMPUSER_MTX_SPIN, .cpus = BENCH_CROSS_CPU },
};

static void *
mtx_target_setup(struct cb_state *st, void *arg)
{
	struct mtx_bench *m = arg;

	if (BENCH_NEED(st, mutex_init) || BENCH_NEED(st, mutex_enter) ||
	    BENCH_NEED(st, mutex_tryenter) || BENCH_NEED(st, mutex_exit) ||
	    BENCH_NEED(st, mutex_destroy) || bench_pin(st, m->cpus) ||
	    bench_enter(st))
		return NULL;
	if (cb_thread_index(st) == 0)
		(rc_tgt.mutex_init)(&m->mtx, m->flags);
	return NULL;
}

static void
mtx_target_teardown(struct cb_state *st, void *arg)
{
	struct mtx_bench *m = arg;

	if (cb_thread_index(st) == 0 && m->mtx != NULL) {
		rc_tgt.mutex_destroy(m->mtx);
		m->mtx = NULL;
	}
	bench_leave();
	bench_unpin();
}

static void *
mtx_limit_setup(struct cb_state *st, void *arg)
{
	struct mtx_bench *m = arg;

	bench_pin(st, m->cpus);
	return NULL;
}

static void
mtx_limit_teardown(struct cb_state *st, void *arg)
{
	(void)st;
	(void)arg;
	bench_unpin();
}

static void
bm_mtx_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct mtx_bench *m = arg;
	void (*enter)(struct rumpuser_mtx *) = rc_tgt.mutex_enter;
	void (*leave)(struct rumpuser_mtx *) = rc_tgt.mutex_exit;
	struct rumpuser_mtx *mtx = m->mtx;

	(void)st;
	for (; n > 0; n--) {
		enter(mtx);
		leave(mtx);
	}
}

static void
bm_mtx_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct mtx_bench *m = arg;

	(void)st;
	for (; n > 0; n--) {
		bench_mutex_lock(&m->pm);
		bench_mutex_unlock(&m->pm);
	}
}

static void
bm_spin_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct mtx_bench *m = arg;

	(void)st;
	for (; n > 0; n--) {
		bench_spin_lock(&m->ps);
		bench_spin_unlock(&m->ps);
	}
}

static void
bm_mtx_try_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct mtx_bench *m = arg;
	int (*tryenter)(struct rumpuser_mtx *) = rc_tgt.mutex_tryenter;
	void (*leave)(struct rumpuser_mtx *) = rc_tgt.mutex_exit;

	for (; n > 0; n--) {
		if (tryenter(m->mtx) != 0) {
			cb_skip(st, "tryenter failed on a free mutex");
			return;
		}
		leave(m->mtx);
	}
}

static void
bm_mtx_try_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct mtx_bench *m = arg;

	for (; n > 0; n--) {
		if (bench_mutex_trylock(&m->pm) != 0) {
			cb_skip(st, "the host's trylock failed on a free mutex");
			return;
		}
		bench_mutex_unlock(&m->pm);
	}
}

static void
mtx_pair(const char *name, cb_fn *target, cb_fn *limit, struct mtx_bench *m,
    int threads)
{
	struct bench_pair p = {
		.name = name, .target = target, .limit = limit,
		.target_setup = mtx_target_setup, .limit_setup = mtx_limit_setup,
		.target_teardown = mtx_target_teardown,
		.limit_teardown = mtx_limit_teardown,
		.arg = m, .threads = threads,
	};

	bench_mutex_init(&m->pm);
	bench_spin_init(&m->ps);
	bench_pair(&p);
}

void
bench_register_mutex(void)
{
	static const char *const contended[] = {
		"mutex_contended/kmutex/same_cpu", "mutex_contended/kmutex/cross_cpu",
		"mutex_contended/spin/same_cpu", "mutex_contended/spin/cross_cpu",
	};
	int i;

	mtx_pair("mutex/kmutex", bm_mtx_target, bm_mtx_limit, &mtx_kmutex, 0);
	mtx_pair("mutex/spin", bm_mtx_target, bm_spin_limit, &mtx_spin, 0);
	mtx_pair("mutex_tryenter/kmutex", bm_mtx_try_target, bm_mtx_try_limit,
	    &mtx_try, 0);
	for (i = 0; i < 4; i++)
		mtx_pair(contended[i], bm_mtx_target,
		    mtx_contended[i].flags == RUMPUSER_MTX_SPIN ?
		    bm_spin_limit : bm_mtx_limit, &mtx_contended[i], 2);
}
