/*
 * b_random.c -- getrandom of 16 B and 4 KiB against the host's source
 * (getrandom(2); getentropy under emscripten; get_random_bytes in the
 * kernel).
 */
#include "bench_env.h"
#include "bench_prim.h"

#define RND_MAX	4096

static unsigned char rnd_buf[RND_MAX];

static void *
rnd_target_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	if (BENCH_NEED(st, getrandom))
		return NULL;
	bench_enter(st);
	return NULL;
}

static void
bm_random_target(struct cb_state *st, uint64_t n, void *arg)
{
	size_t len = (size_t)cb_arg_at(st, 0), got;
	uint64_t left = n;

	(void)arg;
	for (; left > 0; left--)
		if (rc_tgt.getrandom(rnd_buf, len, 0, &got) != 0 || got != len) {
			cb_skip(st, "rumpuser_getrandom failed or came up short");
			return;
		}
	cb_bytes(st, n * len);
}

static void
bm_random_limit(struct cb_state *st, uint64_t n, void *arg)
{
	size_t len = (size_t)cb_arg_at(st, 0);
	uint64_t left = n;

	(void)arg;
	for (; left > 0; left--)
		if (bench_random_fill(rnd_buf, len) != 0) {
			cb_skip(st, "the host's random source failed");
			return;
		}
	cb_bytes(st, n * len);
}

void
bench_register_random(void)
{
	static const int64_t lens[] = { 16, RND_MAX };
	struct bench_pair p = {
		.name = "getrandom", .target = bm_random_target,
		.limit = bm_random_limit, .target_setup = rnd_target_setup,
		.target_teardown = bench_leave_teardown, .nargs = 1,
	};
	int i;

	for (i = 0; i < 2; i++) {
		p.args = &lens[i];
		bench_pair(&p);
	}
}
