/*
 * b_wrapper.c -- the harness's own cost: an empty body, one compiler
 * barrier per iteration. Its time per operation bounds what the wrapper
 * (batched loop, per-run setup) adds to every other figure.
 */
#include "bench_env.h"

static void
bm_empty(struct cb_state *st, uint64_t n, void *arg)
{
	(void)st;
	(void)arg;
	for (; n > 0; n--)
		cb_clobber();
}

void
bench_register_wrapper(void)
{
	cb_register("wrapper/empty", bm_empty, NULL);
}
