/* aeabi.c -- the run-time helpers the ARM EABI compilers call: 64-bit division, memcpy/memset entry points. */
#include <stddef.h>
#include <stdint.h>

/* The image provides the C names (the hypervisor's libc, the smoke test). */
void *memcpy(void *, const void *, size_t);
void *memmove(void *, const void *, size_t);
void *memset(void *, int, size_t);

uint64_t arm_udivmod64(uint64_t n, uint64_t d, uint64_t *rem);
int64_t arm_sdivmod64(int64_t n, int64_t d, int64_t *rem);

/* Shift-and-subtract from the divisor aligned to the dividend's top bit. */
uint64_t
arm_udivmod64(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0;
	int shift;

	if (d == 0) {			/* undefined in C: do not trap */
		*rem = n;
		return UINT64_MAX;
	}
	if (n < d) {
		*rem = n;
		return 0;
	}
	shift = __builtin_clzll(d) - __builtin_clzll(n);
	d <<= shift;
	for (; shift >= 0; shift--) {
		q <<= 1;
		if (n >= d) {
			n -= d;
			q |= 1;
		}
		d >>= 1;
	}
	*rem = n;
	return q;
}

/* C's truncating division: the remainder takes the dividend's sign. */
int64_t
arm_sdivmod64(int64_t n, int64_t d, int64_t *rem)
{
	uint64_t un = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
	uint64_t ud = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
	uint64_t ur, q = arm_udivmod64(un, ud, &ur);

	*rem = (int64_t)(n < 0 ? 0 - ur : ur);
	return (int64_t)((n < 0) != (d < 0) ? 0 - q : q);
}

void __aeabi_memcpy(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memcpy4(void *, const void *, size_t) __attribute__((alias("__aeabi_memcpy")));
void __aeabi_memcpy8(void *, const void *, size_t) __attribute__((alias("__aeabi_memcpy")));
void __aeabi_memmove(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memmove4(void *, const void *, size_t) __attribute__((alias("__aeabi_memmove")));
void __aeabi_memmove8(void *, const void *, size_t) __attribute__((alias("__aeabi_memmove")));
/* Note the order: length before value. */
void __aeabi_memset(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memset4(void *, size_t, int) __attribute__((alias("__aeabi_memset")));
void __aeabi_memset8(void *, size_t, int) __attribute__((alias("__aeabi_memset")));
void __aeabi_memclr(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memclr4(void *, size_t) __attribute__((alias("__aeabi_memclr")));
void __aeabi_memclr8(void *, size_t) __attribute__((alias("__aeabi_memclr")));
