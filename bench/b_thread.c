/*
 * b_thread.c -- threads and the current lwp: create+join against
 * pthread_create+join, curlwp against a __thread load, curlwpop
 * CLEAR+SET against two __thread stores.
 */
#include <pthread.h>

#include "bench_env.h"

static __thread struct lwp *tls_lwp;
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
	pthread_t t;

	(void)arg;
	for (; n > 0; n--) {
		if (pthread_create(&t, NULL, thr_noop, NULL) != 0) {
			cb_skip(st, "pthread_create failed");
			return;
		}
		pthread_join(t, NULL);
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
		cb_keep(tls_lwp);
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
		tls_lwp = NULL;
		cb_clobber();
		tls_lwp = l;
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
