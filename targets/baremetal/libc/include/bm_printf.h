/* bm_printf.h -- formatted output with no libc: the subset C99 printf the suite uses. */
#ifndef BM_PRINTF_H
#define BM_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Flags - 0 (space, + ignored), width and precision (numbers or *),
 * length hh h l ll z j t, conversions d i u x X o c s p %. Returns the
 * length the whole output would have, as vsnprintf.
 */
int bm_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap);
int bm_snprintf(char *buf, size_t len, const char *fmt, ...)
    __attribute__((__format__(__printf__, 3, 4)));

#endif /* BM_PRINTF_H */
