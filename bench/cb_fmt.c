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

static int
cb_finite(double v)
{
	return v == v && v - v == 0;
}

void
cb_put_sci(struct cb_buf *o, double v)
{
	const uint64_t top = 100000000000000000ull;	/* 10^17 */
	uint64_t m;
	int exp = 0;

	if (!cb_finite(v)) {
		cb_put(o, "0");
		return;
	}
	if (v < 0) {
		cb_put(o, "-");
		v = -v;
	}
	if (v != 0) {
		while (v >= 10)
			v /= 10, exp++;
		while (v < 1)
			v *= 10, exp--;
	}
	m = (uint64_t)(v * 1e16 + 0.5);
	if (m >= top)
		m /= 10, exp++;
	cb_put_digits(o, m / (top / 10), 1);
	cb_put(o, ".");
	cb_put_digits(o, m % (top / 10), 16);
	cb_put(o, exp < 0 ? "e-" : "e+");
	cb_put_digits(o, (uint64_t)(exp < 0 ? -exp : exp), 2);
}

void
cb_put_fixed(struct cb_buf *o, double v, int decimals)
{
	uint64_t scale = 1, u;
	int i;

	for (i = 0; i < decimals; i++)
		scale *= 10;
	if (!cb_finite(v) || v * (double)scale >= 1.8e19 ||
	    -v * (double)scale >= 1.8e19) {
		cb_put_sci(o, v);
		return;
	}
	if (v < 0) {
		cb_put(o, "-");
		v = -v;
	}
	u = (uint64_t)(v * (double)scale + 0.5);
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
