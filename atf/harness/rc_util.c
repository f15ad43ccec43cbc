/*
 * rc_util.c -- the few string and memory helpers test bodies need, written
 * here so that bodies depend on no libc.
 */
#include "rc_test.h"

void
rc_memset(void *p, int c, size_t n)
{
	volatile unsigned char *d = p;

	while (n-- > 0)
		*d++ = (unsigned char)c;
}

int
rc_memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

size_t
rc_strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

int
rc_strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int
rc_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rc_vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

uint64_t
rc_rand(uint64_t *state)
{
	uint64_t x = *state != 0 ? *state : 0x9e3779b97f4a7c15ull;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}
