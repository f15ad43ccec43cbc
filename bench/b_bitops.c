/*
 * b_bitops.c -- ffs/fls 32/64 as portable C (NetBSD bitops semantics:
 * 1-based bit index, 0 for 0; binary searches written here) against the
 * compiler's __builtin_ctz/clz (one instruction on most CPUs). Inputs
 * cycle through 256 values whose lowest and highest set bits vary.
 */
#include "bench_env.h"

#define BIT_NVALUES	256

static uint64_t bit_values[BIT_NVALUES];

static int
c_ffs32(uint32_t v)
{
	int n = 1;

	if (v == 0)
		return 0;
	if ((v & 0xffff) == 0)
		n += 16, v >>= 16;
	if ((v & 0xff) == 0)
		n += 8, v >>= 8;
	if ((v & 0xf) == 0)
		n += 4, v >>= 4;
	if ((v & 0x3) == 0)
		n += 2, v >>= 2;
	if ((v & 0x1) == 0)
		n += 1;
	return n;
}

static int
c_fls32(uint32_t v)
{
	int n = 32;

	if (v == 0)
		return 0;
	if ((v & 0xffff0000u) == 0)
		n -= 16, v <<= 16;
	if ((v & 0xff000000u) == 0)
		n -= 8, v <<= 8;
	if ((v & 0xf0000000u) == 0)
		n -= 4, v <<= 4;
	if ((v & 0xc0000000u) == 0)
		n -= 2, v <<= 2;
	if ((v & 0x80000000u) == 0)
		n -= 1;
	return n;
}

static int
c_ffs64(uint64_t v)
{
	if ((uint32_t)v != 0)
		return c_ffs32((uint32_t)v);
	return v == 0 ? 0 : 32 + c_ffs32((uint32_t)(v >> 32));
}

static int
c_fls64(uint64_t v)
{
	if ((v >> 32) != 0)
		return 32 + c_fls32((uint32_t)(v >> 32));
	return c_fls32((uint32_t)v);
}

static int b_ffs32(uint32_t v) { return v == 0 ? 0 : __builtin_ctz(v) + 1; }
static int b_fls32(uint32_t v) { return v == 0 ? 0 : 32 - __builtin_clz(v); }
static int b_ffs64(uint64_t v) { return v == 0 ? 0 : __builtin_ctzll(v) + 1; }
static int b_fls64(uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

/* Lowest set bit at i % 64, random bits above, every 8th value shifted down. */
static void
bit_fill_values(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	int i;

	for (i = 0; i < BIT_NVALUES; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		bit_values[i] = (x | 1) << (i % 64);
		if (i % 8 == 7)
			bit_values[i] >>= (i / 8) % 64;
	}
}

/* The fact sheet's vectors, and both sides agreeing on every input. */
static int
bit_check(void)
{
	int i, ok = c_ffs32(0) == 0 && c_ffs32(1) == 1 &&
	    c_ffs32(0x80000000u) == 32 && c_fls32(1) == 1 &&
	    c_fls32(0x80000000u) == 32 && c_ffs64(1ull << 63) == 64 &&
	    c_fls64(~0ull) == 64 && c_fls64(0) == 0 && c_ffs64(0) == 0;

	for (i = 0; i < BIT_NVALUES; i++) {
		uint64_t v = bit_values[i];

		ok &= c_ffs32((uint32_t)v) == b_ffs32((uint32_t)v);
		ok &= c_fls32((uint32_t)v) == b_fls32((uint32_t)v);
		ok &= c_ffs64(v) == b_ffs64(v) && c_fls64(v) == b_fls64(v);
	}
	return ok;
}

static void *
bit_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	if (!bit_check())
		cb_skip(st, "the C ffs/fls disagree with the builtins");
	return NULL;
}

#define BIT_BODY(fname, f, type)					\
static void								\
fname(struct cb_state *st, uint64_t n, void *arg)			\
{									\
	unsigned i = 0;							\
	int sum = 0;							\
									\
	(void)st;							\
	(void)arg;							\
	for (; n > 0; n--)						\
		sum += f((type)bit_values[i++ % BIT_NVALUES]);		\
	cb_keep(sum);							\
}

BIT_BODY(bm_ffs32_c, c_ffs32, uint32_t)
BIT_BODY(bm_ffs32_builtin, b_ffs32, uint32_t)
BIT_BODY(bm_fls32_c, c_fls32, uint32_t)
BIT_BODY(bm_fls32_builtin, b_fls32, uint32_t)
BIT_BODY(bm_ffs64_c, c_ffs64, uint64_t)
BIT_BODY(bm_ffs64_builtin, b_ffs64, uint64_t)
BIT_BODY(bm_fls64_c, c_fls64, uint64_t)
BIT_BODY(bm_fls64_builtin, b_fls64, uint64_t)

static void
bit_pair(const char *name, cb_fn *c, cb_fn *builtin)
{
	struct bench_pair p = {
		.name = name, .target = c, .limit = builtin,
		.target_setup = bit_setup, .limit_setup = bit_setup,
	};

	bench_pair(&p);
}

void
bench_register_bitops(void)
{
	bit_fill_values();
	bit_pair("bitops/ffs32", bm_ffs32_c, bm_ffs32_builtin);
	bit_pair("bitops/fls32", bm_fls32_c, bm_fls32_builtin);
	bit_pair("bitops/ffs64", bm_ffs64_c, bm_ffs64_builtin);
	bit_pair("bitops/fls64", bm_fls64_c, bm_fls64_builtin);
}
