/*
 * futex.h -- sleeping on a 32-bit word and waking its sleepers, for the
 * mutexes, rwlocks and condition variables.  Linux futexes, private to
 * the process; emscripten's equivalent under WebAssembly.
 */
#ifndef _RUMPUSER_FUTEX_H_
#define _RUMPUSER_FUTEX_H_

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <time.h>

#ifdef __EMSCRIPTEN__
#include <emscripten/threading.h>
#include <math.h>
#else
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* Sleepers of one kind on a shared word (rwlock readers, writers). */
#define FUTEX_ANY	0xffffffffu	/* FUTEX_BITSET_MATCH_ANY */

#ifndef __EMSCRIPTEN__

/* A 32-bit host with 64-bit time_t has the futex call under a new number. */
#if defined(__USE_TIME_BITS64) && __TIMESIZE == 32
#define RUMPUSER_SYS_futex	SYS_futex_time64
#else
#define RUMPUSER_SYS_futex	SYS_futex
#endif

/*
 * Sleep while *word == val, until woken (for a sleeper of kind bits) or
 * until the CLOCK_MONOTONIC deadline (NULL: none).  Returns 0 (woken, or
 * spuriously), EAGAIN (*word != val), EINTR or ETIMEDOUT: callers re-check
 * their condition in a loop.
 */
static inline int
rumpuser__futex_wait(uint32_t *word, uint32_t val,
    const struct timespec *deadline, uint32_t bits)
{

	if (syscall(RUMPUSER_SYS_futex, word, FUTEX_WAIT_BITSET_PRIVATE, val,
	    deadline, NULL, bits) == 0)
		return 0;
	return errno;
}

/* Wake up to n sleepers of kind bits on word. */
static inline void
rumpuser__futex_wake(uint32_t *word, int n, uint32_t bits)
{

	syscall(RUMPUSER_SYS_futex, word, FUTEX_WAKE_BITSET_PRIVATE, n, NULL,
	    NULL, bits);
}

#else	/* __EMSCRIPTEN__: no kinds of sleeper, a relative timeout in ms */

static inline int
rumpuser__futex_wait(uint32_t *word, uint32_t val,
    const struct timespec *deadline, uint32_t bits)
{
	struct timespec now;
	double ms = INFINITY;

	(void)bits;
	if (deadline != NULL) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (double)(deadline->tv_sec - now.tv_sec) * 1e3 +
		    (double)(deadline->tv_nsec - now.tv_nsec) / 1e6;
		if (ms <= 0)
			return ETIMEDOUT;
	}
	return -emscripten_futex_wait(word, val, ms);
}

/* Sleepers of every kind share the word: wake one kind = wake them all. */
static inline void
rumpuser__futex_wake(uint32_t *word, int n, uint32_t bits)
{

	emscripten_futex_wake(word, bits == FUTEX_ANY ? n : INT_MAX);
}

#endif	/* __EMSCRIPTEN__ */

#endif	/* _RUMPUSER_FUTEX_H_ */
