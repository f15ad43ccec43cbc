/*
 * b_rwlock.c -- rwlock enter/exit, as reader and as writer, against
 * the host's (pthread_rwlock, the kernel's rw_semaphore), uncontended.
 */
#include "bench_env.h"
#include "bench_prim.h"

struct rw_bench {
	int op;				/* RUMPUSER_RW_READER or _WRITER */
	struct rumpuser_rw *rw;
	bench_rwlock_t prw;
};

static struct rw_bench rw_reader = { .op = RUMPUSER_RW_READER };
static struct rw_bench rw_writer = { .op = RUMPUSER_RW_WRITER };

static void *
rw_target_setup(struct cb_state *st, void *arg)
{
	struct rw_bench *r = arg;

	if (BENCH_NEED(st, rw_init) || BENCH_NEED(st, rw_enter) ||
	    BENCH_NEED(st, rw_exit) || BENCH_NEED(st, rw_destroy) ||
	    bench_enter(st))
		return NULL;
	rc_tgt.rw_init(&r->rw);
	return NULL;
}

static void
rw_target_teardown(struct cb_state *st, void *arg)
{
	struct rw_bench *r = arg;

	(void)st;
	if (r->rw != NULL) {
		rc_tgt.rw_destroy(r->rw);
		r->rw = NULL;
	}
	bench_leave();
}

static void
bm_rw_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct rw_bench *r = arg;
	void (*enter)(int, struct rumpuser_rw *) = rc_tgt.rw_enter;
	void (*leave)(struct rumpuser_rw *) = rc_tgt.rw_exit;

	(void)st;
	for (; n > 0; n--) {
		enter(r->op, r->rw);
		leave(r->rw);
	}
}

static void
bm_rw_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct rw_bench *r = arg;
	int writer = r->op == RUMPUSER_RW_WRITER;

	(void)st;
	for (; n > 0; n--) {
		bench_rw_enter(&r->prw, writer);
		bench_rw_exit(&r->prw, writer);
	}
}

static void
rw_pair(const char *name, struct rw_bench *r)
{
	struct bench_pair p = {
		.name = name, .target = bm_rw_target, .limit = bm_rw_limit,
		.target_setup = rw_target_setup,
		.target_teardown = rw_target_teardown, .arg = r,
	};

	bench_rwlock_init(&r->prw);
	bench_pair(&p);
}

void
bench_register_rwlock(void)
{
	rw_pair("rwlock/read", &rw_reader);
	rw_pair("rwlock/write", &rw_writer);
}
