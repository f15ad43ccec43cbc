/*
 * b_clock.c -- clock_gettime on both clocks against the host's
 * (clock_gettime; ktime_get_real/ktime_get in the kernel), and
 * clock_sleep's overshoot (achieved - requested, on the host monotonic
 * clock) against the host's sleep's (nanosleep; an hrtimer sleep in the
 * kernel), for 100 us and 1 ms requests.
 */
#include "bench_env.h"
#include "bench_prim.h"

struct clk_bench {
	int rumpclock;
	int hostwall;			/* the host's wall clock, else monotonic */
};

static struct clk_bench clk_wall = { RUMPUSER_CLOCK_RELWALL, 1 };
static struct clk_bench clk_mono = { RUMPUSER_CLOCK_ABSMONO, 0 };

static void *
gettime_target_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	if (BENCH_NEED(st, clock_gettime))
		return NULL;
	bench_enter(st);
	return NULL;
}

static void *
sleep_target_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	if (BENCH_NEED(st, clock_sleep))
		return NULL;
	bench_enter(st);
	return NULL;
}

static void
bm_gettime_target(struct cb_state *st, uint64_t n, void *arg)
{
	struct clk_bench *c = arg;
	int64_t sec;
	long nsec;

	for (; n > 0; n--) {
		if (rc_tgt.clock_gettime(c->rumpclock, &sec, &nsec) != 0) {
			cb_skip(st, "rumpuser_clock_gettime failed");
			return;
		}
		cb_keep(nsec);
	}
}

static void
bm_gettime_limit(struct cb_state *st, uint64_t n, void *arg)
{
	struct clk_bench *c = arg;

	(void)st;
	for (; n > 0; n--)
		cb_keep(bench_clock_read(c->hostwall));
}

static void
bm_sleep_target(struct cb_state *st, uint64_t n, void *arg)
{
	long req = (long)cb_arg_at(st, 0);
	uint64_t t0, over = 0;

	(void)arg;
	for (; n > 0; n--) {
		t0 = bench_now_ns();
		if (rc_tgt.clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, req) != 0) {
			cb_skip(st, "rumpuser_clock_sleep failed");
			return;
		}
		over += bench_now_ns() - t0 - (uint64_t)req;
	}
	cb_counter(st, "overshoot_ns", (int64_t)over, CB_PER_ITER);
}

static void
bm_sleep_limit(struct cb_state *st, uint64_t n, void *arg)
{
	long req = (long)cb_arg_at(st, 0);
	uint64_t t0, over = 0;

	(void)arg;
	for (; n > 0; n--) {
		t0 = bench_now_ns();
		bench_sleep_ns(req);
		over += bench_now_ns() - t0 - (uint64_t)req;
	}
	cb_counter(st, "overshoot_ns", (int64_t)over, CB_PER_ITER);
}

void
bench_register_clock(void)
{
	static const int64_t reqs[] = { 100000, 1000000 };
	struct bench_pair get = {
		.target = bm_gettime_target, .limit = bm_gettime_limit,
		.target_setup = gettime_target_setup,
		.target_teardown = bench_leave_teardown,
	};
	struct bench_pair sleep = {
		.name = "clock_sleep_relwall_ns", .target = bm_sleep_target,
		.limit = bm_sleep_limit, .target_setup = sleep_target_setup,
		.target_teardown = bench_leave_teardown,
		.counter = "overshoot_ns", .nargs = 1,
	};
	int i;

	get.name = "clock_gettime/relwall";
	get.arg = &clk_wall;
	bench_pair(&get);
	get.name = "clock_gettime/absmono";
	get.arg = &clk_mono;
	bench_pair(&get);
	for (i = 0; i < 2; i++) {
		sleep.args = &reqs[i];
		bench_pair(&sleep);
	}
}
