/*
 * cb_fmt.c -- text into a bounded buffer, numbers included, without libc
 * (the cjson backend runs where there is no printf, or no float printf).
 */
#include "cb_impl.h"

void
cb_buf_init(struct cb_buf *o, char *p, size_t len)
{
	o->p = p;
	o->len = len;
	o->used = 0;
	if (len > 0)
		p[0] = '\0';
}

void
cb_put_n(struct cb_buf *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && o->used + 1 < o->len; i++)
		o->p[o->used++] = s[i];
	if (o->len > 0)
		o->p[o->used] = '\0';
}

void
cb_put(struct cb_buf *o, const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	cb_put_n(o, s, n);
}

/* Exactly `width' digits of v (leading zeros), or as many as needed. */
static void
cb_put_digits(struct cb_buf *o, uint64_t v, int width)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 || n < width);
	while (n > 0)
		cb_put_n(o, &d[--n], 1);
}

void
cb_put_u64(struct cb_buf *o, uint64_t v)
{
	cb_put_digits(o, v, 1);
}

void
cb_put_i64(struct cb_buf *o, int64_t v)
{
	if (v < 0) {
		cb_put(o, "-");
		cb_put_digits(o, (uint64_t)0 - (uint64_t)v, 1);
	} else
		cb_put_digits(o, (uint64_t)v, 1);
}

static uint64_t
cb_pow10(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

static int
cb_ndigits(uint64_t u)
{
	int n = 1;

	while (u >= 10) {
		u /= 10;
		n++;
	}
	return n;
}

/* |v| and its sign written out. */
static uint64_t
cb_put_sign(struct cb_buf *o, cb_fix v)
{
	if (v >= 0)
		return (uint64_t)v;
	cb_put(o, "-");
	return 0 - (uint64_t)v;
}

/* The decimal exponent of v / CB_FIX_ONE follows from its digit count. */
void
cb_put_sci(struct cb_buf *o, cb_fix v)
{
	const int sig = 17, frac_digits = CB_FIX_DIGITS;
	uint64_t u = cb_put_sign(o, v), p;
	int n = cb_ndigits(u), exp = n - 1 - frac_digits;

	if (u == 0)
		exp = 0;
	if (n > sig) {
		p = cb_pow10(n - sig);
		u = u / p + (u % p >= p / 2);
		if (cb_ndigits(u) > sig) {
			u /= 10;
			exp++;
		}
	} else
		u *= cb_pow10(sig - n);
	cb_put_digits(o, u / cb_pow10(sig - 1), 1);
	cb_put(o, ".");
	cb_put_digits(o, u % cb_pow10(sig - 1), sig - 1);
	cb_put(o, exp < 0 ? "e-" : "e+");
	cb_put_digits(o, (uint64_t)(exp < 0 ? -exp : exp), 2);
}

void
cb_put_fixed(struct cb_buf *o, cb_fix v, int decimals)
{
	uint64_t u = cb_put_sign(o, v), drop = cb_pow10(CB_FIX_DIGITS - decimals);
	uint64_t scale = cb_pow10(decimals);

	u = u / drop + (u % drop >= (drop + 1) / 2 && drop > 1);
	cb_put_u64(o, u / scale);
	if (decimals > 0) {
		cb_put(o, ".");
		cb_put_digits(o, u % scale, decimals);
	}
}

void
cb_put_padded(struct cb_buf *o, const char *s, int width, int right)
{
	int n = 0;

	while (s[n] != '\0')
		n++;
	if (!right)
		cb_put(o, s);
	for (; n < width; n++)
		cb_put(o, " ");
	if (right)
		cb_put(o, s);
}
