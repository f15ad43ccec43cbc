/*
 * cb_fix.c -- the fixed-point arithmetic of the figures (cb_impl.h):
 * a * b / c through a 128-bit intermediate built from 64-bit halves, and
 * the integer square root. No floating point and no compiler helpers, so
 * it runs in kernels, under WebAssembly and on bare metal.
 */
#include "cb_impl.h"

struct cb_wide {
	uint64_t hi, lo;
};

static struct cb_wide
cb_mul_wide(uint64_t a, uint64_t b)
{
	const uint64_t m = 0xffffffffu;
	uint64_t ll = (a & m) * (b & m), lh = (a & m) * (b >> 32);
	uint64_t hl = (a >> 32) * (b & m), hh = (a >> 32) * (b >> 32);
	uint64_t mid = (ll >> 32) + (lh & m) + (hl & m);
	struct cb_wide w;

	w.lo = (mid << 32) | (ll & m);
	w.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return w;
}

/* Long division of a 128-bit numerator whose quotient fits 64 bits. */
static uint64_t
cb_div_wide(struct cb_wide n, uint64_t c)
{
	uint64_t q = 0, r = n.hi, carry;
	int i;

	for (i = 63; i >= 0; i--) {
		carry = r >> 63;
		r = (r << 1) | ((n.lo >> i) & 1);
		q <<= 1;
		if (carry != 0 || r >= c) {
			r -= c;
			q |= 1;
		}
	}
	return q;
}

uint64_t
cb_muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	struct cb_wide n = cb_mul_wide(a, b);

	if (c == 0 || n.hi >= c)
		return UINT64_MAX;
	return cb_div_wide(n, c);
}

cb_fix
cb_fix_muldiv(int64_t v, uint64_t b, uint64_t c)
{
	uint64_t u = cb_muldiv(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, b, c);

	if (u > (uint64_t)INT64_MAX)
		u = (uint64_t)INT64_MAX;
	return v < 0 ? -(cb_fix)u : (cb_fix)u;
}

uint64_t
cb_isqrt(uint64_t x)
{
	uint64_t r = 0, bit = (uint64_t)1 << 62;

	while (bit > x)
		bit >>= 2;
	for (; bit != 0; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else
			r >>= 1;
	}
	return r;
}
