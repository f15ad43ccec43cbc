/*
 * b_mem.c -- malloc+free by size and alignment against the host's
 * allocator (posix_memalign+free; kmalloc+kfree of at least the
 * alignment in the kernel). Alignment 0 asks for the default.
 */
#include "bench_env.h"
#include "bench_prim.h"

static void *
mem_target_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	if (BENCH_NEED(st, malloc) || BENCH_NEED(st, free))
		return NULL;
	bench_enter(st);
	return NULL;
}

static void
bm_malloc_target(struct cb_state *st, uint64_t n, void *arg)
{
	size_t len = (size_t)cb_arg_at(st, 0);
	int align = (int)cb_arg_at(st, 1);
	void *p;

	(void)arg;
	for (; n > 0; n--) {
		if (rc_tgt.malloc(len, align, &p) != 0) {
			cb_skip(st, "rumpuser_malloc failed");
			return;
		}
		cb_keep(p);
		rc_tgt.free(p, len);
	}
}

static void
bm_malloc_limit(struct cb_state *st, uint64_t n, void *arg)
{
	size_t len = (size_t)cb_arg_at(st, 0);
	size_t align = (size_t)cb_arg_at(st, 1);
	void *p;

	(void)arg;
	for (; n > 0; n--) {
		if ((p = bench_alloc(len, align)) == NULL) {
			cb_skip(st, "the host's allocator failed");
			return;
		}
		cb_keep(p);
		bench_free(p);
	}
}

void
bench_register_mem(void)
{
	static const int64_t sizes[] = { 16, 256, 4096, 65536 };
	static const int64_t aligns[] = { 0, 64, 4096 };
	static int64_t args[12][2];
	struct bench_pair p = {
		.name = "malloc_free", .target = bm_malloc_target,
		.limit = bm_malloc_limit, .target_setup = mem_target_setup,
		.target_teardown = bench_leave_teardown, .nargs = 2,
	};
	int s, a, i = 0;

	for (s = 0; s < 4; s++)
		for (a = 0; a < 3; a++, i++) {
			args[i][0] = sizes[s];
			args[i][1] = aligns[a];
			p.args = args[i];
			bench_pair(&p);
		}
}
