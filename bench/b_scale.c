/*
 * b_scale.c -- scaling curves of the locks and the cv: each benchmark at
 * 1, 2, 4, ... host threads up to the CPUs the process may use (and that
 * count itself), target and host primitive alike. Work that should
 * scale, so that a hypervisor serialising everything shows it:
 *	scale/mutex/private	each thread its own KMUTEX, enter+exit
 *	scale/rwlock/read	every thread reading one rwlock, enter+exit
 *	scale/cv/private	each thread signals its own cv (no waiter)
 *				under its own mutex: the signal path
 * Time per operation is over all threads (wall time / total operations):
 * perfect scaling halves it from 1 to 2 threads. Registered only on
 * request (rcbench --scaling, bench/scaling): not part of a plain run,
 * with the block and packet I/O curves (b_bio.c, b_net.c).
 */
#include "bench_env.h"
#include "bench_prim.h"

#define SCALE_MAXTHREADS	64	/* threads a run may have */

/* One thread's own lock, on its own cache line. */
struct scale_slot {
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	bench_mutex_t pm;
	bench_cond_t pc;
} __attribute__((__aligned__(64)));

struct scale_bench {
	struct scale_slot slot[SCALE_MAXTHREADS];
	struct rumpuser_rw *rw;		/* the shared one, made by thread 0 */
	bench_rwlock_t prw;
};

static struct scale_bench scale_mutex, scale_rwlock, scale_cv;

static int
scale_too_many(struct cb_state *st)
{
	if (cb_thread_count(st) <= SCALE_MAXTHREADS)
		return 0;
	cb_skip(st, "more threads than b_scale.c's SCALE_MAXTHREADS");
	return 1;
}

static void *
scale_private_setup(struct cb_state *st, void *arg)
{
	struct scale_bench *s = arg;
	struct scale_slot *slot;

	if (scale_too_many(st) || BENCH_NEED(st, mutex_init) ||
	    BENCH_NEED(st, mutex_destroy) || BENCH_NEED(st, cv_init) ||
	    BENCH_NEED(st, cv_signal) || BENCH_NEED(st, cv_destroy) ||
	    bench_enter(st))
		return NULL;
	slot = &s->slot[cb_thread_index(st)];
	(rc_tgt.mutex_init)(&slot->mtx, RUMPUSER_MTX_KMUTEX);
	rc_tgt.cv_init(&slot->cv);
	return NULL;
}

static void
scale_private_teardown(struct cb_state *st, void *arg)
{
	struct scale_bench *s = arg;
	struct scale_slot *slot = &s->slot[cb_thread_index(st)];

	if (cb_thread_index(st) < SCALE_MAXTHREADS && slot->mtx != NULL) {
		rc_tgt.cv_destroy(slot->cv);
		rc_tgt.mutex_destroy(slot->mtx);
		slot->mtx = NULL;
		slot->cv = NULL;
	}
	bench_leave();
}

static void
bm_scale_mutex_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct scale_bench *s = arg;
	struct rumpuser_mtx *mtx = s->slot[cb_thread_index(st)].mtx;
	void (*enter)(struct rumpuser_mtx *) = rc_tgt.mutex_enter;
	void (*leave)(struct rumpuser_mtx *) = rc_tgt.mutex_exit;

	for (; n > 0; n--) {
		enter(mtx);
		leave(mtx);
	}
}

static void
bm_scale_mutex_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct scale_bench *s = arg;
	bench_mutex_t *pm = &s->slot[cb_thread_index(st)].pm;

	for (; n > 0; n--) {
		bench_mutex_lock(pm);
		bench_mutex_unlock(pm);
	}
}

static void
bm_scale_cv_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct scale_bench *s = arg;
	struct scale_slot *slot = &s->slot[cb_thread_index(st)];

	for (; n > 0; n--) {
		rc_tgt.mutex_enter(slot->mtx);
		rc_tgt.cv_signal(slot->cv);
		rc_tgt.mutex_exit(slot->mtx);
	}
}

static void
bm_scale_cv_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct scale_bench *s = arg;
	struct scale_slot *slot = &s->slot[cb_thread_index(st)];

	for (; n > 0; n--) {
		bench_mutex_lock(&slot->pm);
		bench_cond_signal(&slot->pc);
		bench_mutex_unlock(&slot->pm);
	}
}

static void *
scale_rw_setup(struct cb_state *st, void *arg)
{
	struct scale_bench *s = arg;

	if (BENCH_NEED(st, rw_init) || BENCH_NEED(st, rw_enter) ||
	    BENCH_NEED(st, rw_exit) || BENCH_NEED(st, rw_destroy) ||
	    bench_enter(st))
		return NULL;
	if (cb_thread_index(st) == 0)
		rc_tgt.rw_init(&s->rw);
	return NULL;
}

static void
scale_rw_teardown(struct cb_state *st, void *arg)
{
	struct scale_bench *s = arg;

	if (cb_thread_index(st) == 0 && s->rw != NULL) {
		rc_tgt.rw_destroy(s->rw);
		s->rw = NULL;
	}
	bench_leave();
}

static void
bm_scale_rw_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct scale_bench *s = arg;
	void (*enter)(int, struct rumpuser_rw *) = rc_tgt.rw_enter;
	void (*leave)(struct rumpuser_rw *) = rc_tgt.rw_exit;

	(void)st;
	for (; n > 0; n--) {
		enter(RUMPUSER_RW_READER, s->rw);
		leave(s->rw);
	}
}

static void
bm_scale_rw_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct scale_bench *s = arg;

	(void)st;
	for (; n > 0; n--) {
		bench_rw_enter(&s->prw, 0);
		bench_rw_exit(&s->prw, 0);
	}
}

static void
scale_pair(const char *name, cb_fn *target, cb_fn *limit, cb_setup_fn *setup,
    cb_teardown_fn *teardown, struct scale_bench *s, int ncpu)
{
	struct bench_pair p = {
		.name = name, .target = target, .limit = limit,
		.target_setup = setup, .target_teardown = teardown,
		.arg = s, .max_threads = ncpu,
	};
	int i;

	for (i = 0; i < SCALE_MAXTHREADS; i++) {
		bench_mutex_init(&s->slot[i].pm);
		bench_cond_init(&s->slot[i].pc);
	}
	bench_rwlock_init(&s->prw);
	bench_pair(&p);
}

void
bench_register_scale(int ncpu)
{
	scale_pair("scale/mutex/private", bm_scale_mutex_target,
	    bm_scale_mutex_limit, scale_private_setup, scale_private_teardown,
	    &scale_mutex, ncpu);
	scale_pair("scale/rwlock/read", bm_scale_rw_target, bm_scale_rw_limit,
	    scale_rw_setup, scale_rw_teardown, &scale_rwlock, ncpu);
	scale_pair("scale/cv/private", bm_scale_cv_target, bm_scale_cv_limit,
	    scale_private_setup, scale_private_teardown, &scale_cv, ncpu);
	bench_register_bio_scale(ncpu);
	bench_register_net_scale();
}
