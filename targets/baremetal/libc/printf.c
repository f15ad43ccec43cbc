/* printf.c -- bm_vsnprintf: formatted output for the freestanding image. */
#include <stdint.h>

#include "bm_printf.h"

struct out {
	char *buf;
	size_t len, n;	/* room, characters produced so far */
};

static void
put(struct out *o, char c)
{
	if (o->n + 1 < o->len)
		o->buf[o->n] = c;
	o->n++;
}

static void
pad(struct out *o, char c, int count)
{
	while (count-- > 0)
		put(o, c);
}

struct spec {
	int left, zero, width, prec;	/* prec -1: none */
	int base, upper, neg;
};

/* digits of v, reversed, into d; their count (at least one unless prec is 0). */
static int
digits(char *d, uint64_t v, const struct spec *s)
{
	const char *set = s->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	while (v != 0) {
		d[n++] = set[v % (unsigned)s->base];
		v /= (unsigned)s->base;
	}
	if (n == 0 && s->prec != 0)
		d[n++] = '0';
	return n;
}

static void
put_number(struct out *o, uint64_t v, const struct spec *s, const char *prefix)
{
	char d[24];
	int n = digits(d, v, s), plen = 0, zeros, fill;

	while (prefix[plen] != '\0')
		plen++;
	zeros = s->prec > n ? s->prec - n : 0;
	fill = s->width - (n + zeros + plen + s->neg);
	if (s->zero && s->prec < 0 && !s->left) {
		zeros += fill > 0 ? fill : 0;
		fill = 0;
	}
	if (!s->left)
		pad(o, ' ', fill);
	if (s->neg)
		put(o, '-');
	while (*prefix != '\0')
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n > 0)
		put(o, d[--n]);
	if (s->left)
		pad(o, ' ', fill);
}

static void
put_string(struct out *o, const char *str, const struct spec *s)
{
	int n = 0;

	if (str == NULL)
		str = "(null)";
	while (str[n] != '\0' && (s->prec < 0 || n < s->prec))
		n++;
	if (!s->left)
		pad(o, ' ', s->width - n);
	for (int i = 0; i < n; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - n);
}

/* Parse flags, width and precision at *fmt. */
static const char *
parse_spec(const char *fmt, struct spec *s, va_list *ap)
{
	*s = (struct spec){ .prec = -1, .base = 10 };
	for (;; fmt++) {
		if (*fmt == '-')
			s->left = 1;
		else if (*fmt == '0')
			s->zero = 1;
		else if (*fmt != ' ' && *fmt != '+' && *fmt != '#')
			break;
	}
	if (*fmt == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->left = 1;
			s->width = -s->width;
		}
		fmt++;
	} else
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			s->width = s->width * 10 + (*fmt - '0');
	if (*fmt == '.') {
		fmt++;
		s->prec = 0;
		if (*fmt == '*') {
			s->prec = va_arg(*ap, int);
			fmt++;
		} else
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				s->prec = s->prec * 10 + (*fmt - '0');
	}
	return fmt;
}

/* The size class of an argument as wide as a type of width bytes. */
#define WIDTH_CLASS(width)	((width) == sizeof(long long) ? 2 : (width) == sizeof(long) ? 1 : 0)

/*
 * The length modifier at *fmt: 0 int, 1 long, 2 long long/intmax, -1 char,
 * -2 short; size_t and ptrdiff_t as wide as they are here (32 bits on arm).
 */
static const char *
parse_length(const char *fmt, int *size)
{
	*size = 0;
	if (fmt[0] == 'h')
		*size = fmt[1] == 'h' ? (fmt++, -1) : -2, fmt++;
	else if (fmt[0] == 'l')
		*size = fmt[1] == 'l' ? (fmt++, 2) : 1, fmt++;
	else if (fmt[0] == 'j')
		*size = WIDTH_CLASS(sizeof(intmax_t)), fmt++;
	else if (fmt[0] == 'z')
		*size = WIDTH_CLASS(sizeof(size_t)), fmt++;
	else if (fmt[0] == 't')
		*size = WIDTH_CLASS(sizeof(ptrdiff_t)), fmt++;
	return fmt;
}

static int64_t
signed_arg(int size, va_list *ap)
{
	switch (size) {
	case 2: return va_arg(*ap, long long);
	case 1: return va_arg(*ap, long);
	case -1: return (signed char)va_arg(*ap, int);
	case -2: return (short)va_arg(*ap, int);
	default: return va_arg(*ap, int);
	}
}

static uint64_t
unsigned_arg(int size, va_list *ap)
{
	switch (size) {
	case 2: return va_arg(*ap, unsigned long long);
	case 1: return va_arg(*ap, unsigned long);
	case -1: return (unsigned char)va_arg(*ap, unsigned);
	case -2: return (unsigned short)va_arg(*ap, unsigned);
	default: return va_arg(*ap, unsigned);
	}
}

static void
conversion(struct out *o, char c, struct spec *s, int size, va_list *ap)
{
	int64_t v;
	char ch[2] = { 0, 0 };

	switch (c) {
	case 'd': case 'i':
		v = signed_arg(size, ap);
		s->neg = v < 0;
		put_number(o, s->neg ? 0 - (uint64_t)v : (uint64_t)v, s, "");
		break;
	case 'u': case 'x': case 'X': case 'o':
		s->base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
		s->upper = c == 'X';
		put_number(o, unsigned_arg(size, ap), s, "");
		break;
	case 'p':
		s->base = 16;
		put_number(o, (uintptr_t)va_arg(*ap, void *), s, "0x");
		break;
	case 'c':
		ch[0] = (char)va_arg(*ap, int);
		s->prec = 1;
		put_string(o, ch, s);
		break;
	case 's':
		put_string(o, va_arg(*ap, const char *), s);
		break;
	default:
		put(o, '%');
		if (c != '%')
			put(o, c);
	}
}

int
bm_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	struct out o = { buf, len, 0 };
	struct spec s;
	va_list aq;
	int size;

	va_copy(aq, ap);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_length(parse_spec(fmt + 1, &s, &aq), &size);
		if (*fmt == '\0')
			break;
		conversion(&o, *fmt, &s, size, &aq);
	}
	va_end(aq);
	if (len > 0)
		buf[o.n < len ? o.n : len - 1] = '\0';
	return (int)o.n;
}

int
bm_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bm_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}
