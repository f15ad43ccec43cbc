/*
 * b_thread.c -- threads and the current lwp: create+join against the
 * host's (pthread_create+join; kthread_run + a completion in the kernel),
 * curlwp against a thread-local load, curlwpop CLEAR+SET against two
 * thread-local stores (__thread; per-CPU in the kernel, as `current').
 */
#include "bench_env.h"
#include "bench_prim.h"

BENCH_TLS_DEFINE(struct lwp *, tls_lwp);
static char some_lwp;		/* what the limit stores: any non-NULL pointer */

static void *
thr_noop(void *arg)
{
	return arg;
}

static void *
thr_target_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	if (BENCH_NEED(st, thread_create) || BENCH_NEED(st, thread_join))
		return NULL;
	bench_enter(st);
	return NULL;
}

static void *
lwp_target_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	bench_enter(st);
	return mk_curlwp();
}

static void
bm_thread_target(struct cb_state *st, uint64_t n, void *arg)
{
	void *cookie;
	int rv;

	(void)arg;
	for (; n > 0; n--) {
		rv = rc_tgt.thread_create(thr_noop, NULL, "bench", 1, -1, -1,
		    &cookie);
		if (rv == 0)
			rv = rc_tgt.thread_join(cookie);
		if (rv != 0) {
			cb_skip(st, "thread_create or thread_join failed");
			return;
		}
	}
}

static void
bm_thread_limit(struct cb_state *st, uint64_t n, void *arg)
{
	bench_thread_t t;

	(void)arg;
	for (; n > 0; n--) {
		if (bench_thread_start(&t, thr_noop, NULL) != 0) {
			cb_skip(st, "the host could not start a thread");
			return;
		}
		bench_thread_join(&t);
	}
}

static void
bm_curlwp_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct lwp *(*cur)(void) = rc_tgt.curlwp;

	(void)st;
	(void)arg;
	for (; n > 0; n--)
		cb_keep(cur());
}

static void
bm_curlwp_limit(struct cb_state *st, uint64_t n, void *arg)
{
	(void)st;
	(void)arg;
	for (; n > 0; n--)
		cb_keep(bench_tls_read(tls_lwp));
}

static void
bm_curlwpop_target(struct cb_state *st, uint64_t n, void *arg)
{
	void (*op)(int, struct lwp *) = rc_tgt.curlwpop;
	struct lwp *l = cb_data(st);

	(void)arg;
	for (; n > 0; n--) {
		op(RUMPUSER_LWP_CLEAR, l);
		op(RUMPUSER_LWP_SET, l);
	}
}

static void
bm_curlwpop_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct lwp *l = (struct lwp *)(void *)&some_lwp;

	(void)st;
	(void)arg;
	for (; n > 0; n--) {
		bench_tls_write(tls_lwp, NULL);
		cb_clobber();
		bench_tls_write(tls_lwp, l);
		cb_clobber();
	}
}

void
bench_register_thread(void)
{
	struct bench_pair create = {
		.name = "thread_create_join", .target = bm_thread_target,
		.limit = bm_thread_limit, .target_setup = thr_target_setup,
		.target_teardown = bench_leave_teardown,
	};
	struct bench_pair cur = {
		.name = "curlwp", .target = bm_curlwp_target,
		.limit = bm_curlwp_limit, .target_setup = lwp_target_setup,
		.target_teardown = bench_leave_teardown,
	};
	struct bench_pair op = {
		.name = "curlwpop_clear_set", .target = bm_curlwpop_target,
		.limit = bm_curlwpop_limit, .target_setup = lwp_target_setup,
		.target_teardown = bench_leave_teardown,
	};

	bench_pair(&create);
	bench_pair(&cur);
	bench_pair(&op);
}
