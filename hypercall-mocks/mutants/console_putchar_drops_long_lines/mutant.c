/*
 * console_putchar_drops_long_lines -- putchar collects a line in a
 * 128-byte buffer and writes it out at the newline; characters that do
 * not fit are silently dropped, so long kernel messages (panic traces,
 * dmesg lines with paths) arrive cut short.
 */
#include <pthread.h>
#include <stdio.h>

#include "mutant.h"

#define LINE_MAX_BYTES	128

static pthread_mutex_t line_mtx = PTHREAD_MUTEX_INITIALIZER;
static char line[LINE_MAX_BYTES];
static size_t line_len;

MUTANT_EXPORT void
rumpuser_putchar(int c)
{
	pthread_mutex_lock(&line_mtx);
	if (line_len < sizeof(line))
		line[line_len++] = (char)c;
	if (c == '\n') {
		fwrite(line, 1, line_len, stdout);
		fflush(stdout);
		line_len = 0;
	}
	pthread_mutex_unlock(&line_mtx);
}
