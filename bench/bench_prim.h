/*
 * bench_prim.h -- the host primitives the "limit" side of each benchmark
 * pair stands on, as the platform has them raw: inline wrappers that add
 * no call of their own.
 *	POSIX		pthreads, clock_gettime, nanosleep, getrandom,
 *			posix_memalign, __thread
 *	WebAssembly	the same from emscripten, getentropy for random
 *	Linux kernel	mutex, spinlock, rw_semaphore, wait queue, kthread +
 *			completion, ktime, hrtimer sleep, get_random_bytes,
 *			kmalloc, per-CPU variables
 *	bare metal	(RC_BAREMETAL: targets/baremetal's machine.h and the
 *			scheduler under its hypercalls) lock words taken
 *			with one atomic, wait queues, its cooperative
 *			threads, the machine's counter and RTC, its
 *			generator, its heap, a plain variable (one CPU)
 * Every lock, condition and thread is set up by its init call (kernel
 * locks have no static initializer in a structure). The kernel's
 * mutex_init is a macro: benchmarks call the target's as
 * (rc_tgt.mutex_init)(...).
 */
#ifndef BENCH_PRIM_H
#define BENCH_PRIM_H

#if defined(__KERNEL__)

#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>

#include "cb_kthread.h"

typedef struct mutex bench_mutex_t;
typedef spinlock_t bench_spin_t;
typedef struct rw_semaphore bench_rwlock_t;
typedef wait_queue_head_t bench_cond_t;
typedef struct cb_kthread bench_thread_t;

#define bench_mutex_init(m)	mutex_init(m)
#define bench_mutex_lock(m)	mutex_lock(m)
#define bench_mutex_unlock(m)	mutex_unlock(m)
/* 0 when taken, as pthread_mutex_trylock. */
#define bench_mutex_trylock(m)	(mutex_trylock(m) ? 0 : -1)
#define bench_spin_init(s)	spin_lock_init(s)
#define bench_spin_lock(s)	spin_lock(s)
#define bench_spin_unlock(s)	spin_unlock(s)
#define bench_rwlock_init(rw)	init_rwsem(rw)
#define bench_cond_init(c)	init_waitqueue_head(c)

static inline void
bench_rw_enter(bench_rwlock_t *rw, int writer)
{
	if (writer)
		down_write(rw);
	else
		down_read(rw);
}

static inline void
bench_rw_exit(bench_rwlock_t *rw, int writer)
{
	if (writer)
		up_write(rw);
	else
		up_read(rw);
}

/* Queued before the mutex is let go, so no signal is lost. */
static inline void
bench_cond_wait(bench_cond_t *c, bench_mutex_t *m)
{
	DEFINE_WAIT(w);

	prepare_to_wait(c, &w, TASK_UNINTERRUPTIBLE);
	mutex_unlock(m);
	schedule();
	finish_wait(c, &w);
	mutex_lock(m);
}

#define bench_cond_signal(c)	wake_up(c)

static inline int
bench_thread_start(bench_thread_t *t, void *(*fn)(void *), void *arg)
{
	return cb_kthread_start(t, fn, arg);
}

#define bench_thread_join(t)	cb_kthread_join(t)

/* A value read from the wall or the monotonic clock. */
static inline int64_t
bench_clock_read(int wall)
{
	return wall ? ktime_get_real() : ktime_get();
}

#define bench_sleep_ns(ns)	rch_sleep_ns(ns)	/* an hrtimer sleep */

static inline int
bench_random_fill(void *buf, size_t len)
{
	get_random_bytes(buf, len);
	return 0;
}

/* kmalloc aligns power-of-two sizes naturally: ask for the alignment. */
static inline void *
bench_alloc(size_t len, size_t align)
{
	return kmalloc(len < align ? align : len, GFP_KERNEL);
}

#define bench_free(p)		kfree(p)

/* A slot of the running thread's: per-CPU, as `current' is. */
#define BENCH_TLS_DEFINE(type, name)	static DEFINE_PER_CPU(type, name)
#define bench_tls_read(name)		this_cpu_read(name)
#define bench_tls_write(name, v)	this_cpu_write(name, v)

#elif defined(RC_BAREMETAL)

#include "bm.h"

/*
 * One CPU, cooperative threads: a lock is a word taken with one atomic
 * exchange; a holder can only be another thread, so a taker yields to it.
 */
typedef int bench_mutex_t;
typedef int bench_spin_t;
typedef int bench_rwlock_t;	/* readers, or -1: a writer */
typedef struct bm_waitq bench_cond_t;
typedef struct bm_thread *bench_thread_t;

static inline void
bench_word_lock(int *w)
{
	while (__atomic_exchange_n(w, 1, __ATOMIC_ACQUIRE) != 0)
		bm_yield();
}

static inline void
bench_word_unlock(int *w)
{
	__atomic_store_n(w, 0, __ATOMIC_RELEASE);
}

#define bench_mutex_init(m)	(*(m) = 0)
#define bench_mutex_lock(m)	bench_word_lock(m)
#define bench_mutex_unlock(m)	bench_word_unlock(m)
#define bench_mutex_trylock(m)	(__atomic_exchange_n((m), 1, __ATOMIC_ACQUIRE) ? -1 : 0)
#define bench_spin_init(s)	(*(s) = 0)
#define bench_spin_lock(s)	bench_word_lock(s)
#define bench_spin_unlock(s)	bench_word_unlock(s)
#define bench_rwlock_init(rw)	(*(rw) = 0)
#define bench_cond_init(c)	((c)->head = (c)->tail = NULL, (c)->count = 0)

static inline void
bench_rw_enter(bench_rwlock_t *rw, int writer)
{
	int v = __atomic_load_n(rw, __ATOMIC_RELAXED);

	for (;;) {
		if ((writer ? v == 0 : v >= 0) && __atomic_compare_exchange_n(rw,
		    &v, writer ? -1 : v + 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		bm_yield();
		v = __atomic_load_n(rw, __ATOMIC_RELAXED);
	}
}

static inline void
bench_rw_exit(bench_rwlock_t *rw, int writer)
{
	if (writer)
		__atomic_store_n(rw, 0, __ATOMIC_RELEASE);
	else
		__atomic_fetch_sub(rw, 1, __ATOMIC_RELEASE);
}

/* No other thread runs between the unlock and the block: no lost signal. */
static inline void
bench_cond_wait(bench_cond_t *c, bench_mutex_t *m)
{
	bench_word_unlock(m);
	bm_block(c, BM_NEVER);
	bench_word_lock(m);
}

#define bench_cond_signal(c)	bm_wakeone(c)

static inline int
bench_thread_start(bench_thread_t *t, void *(*fn)(void *), void *arg)
{
	*t = bm_thread_new(fn, arg, "rcbench", 1);
	return *t != NULL ? 0 : -1;
}

#define bench_thread_join(t)	bm_thread_join(*(t))

/* The wall clock: the RTC's read; monotonic: the counter, in ns. */
static inline int64_t
bench_clock_read(int wall)
{
	int64_t sec;
	long nsec;

	if (!wall)
		return (int64_t)mach_mono_ns();
	return mach_wall(&sec, &nsec) == 0 ? nsec : -1;
}

#define bench_sleep_ns(ns)	bm_sleep_until(mach_mono_ns() + (uint64_t)(ns))

static inline int
bench_random_fill(void *buf, size_t len)
{
	return mach_random(buf, len) == (long)len ? 0 : -1;
}

#define bench_alloc(len, align)	bm_alloc((len), (align))
#define bench_free(p)		bm_free(p)

/* One CPU runs every thread: the per-CPU slot is a plain variable. */
#define BENCH_TLS_DEFINE(type, name)	static type name
#define bench_tls_read(name)		(*(volatile __typeof__(name) *)&(name))
#define bench_tls_write(name, v)	(*(volatile __typeof__(name) *)&(name) = (v))

#else /* POSIX and WebAssembly */

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#if defined(__EMSCRIPTEN__)
#include <unistd.h>
#else
#include <sys/random.h>
#endif

typedef pthread_mutex_t bench_mutex_t;
/* The host's spin primitive is its mutex (the reference builds SPIN on it). */
typedef pthread_mutex_t bench_spin_t;
typedef pthread_rwlock_t bench_rwlock_t;
typedef pthread_cond_t bench_cond_t;
typedef pthread_t bench_thread_t;

#define bench_mutex_init(m)	pthread_mutex_init((m), NULL)
#define bench_mutex_lock(m)	pthread_mutex_lock(m)
#define bench_mutex_unlock(m)	pthread_mutex_unlock(m)
#define bench_mutex_trylock(m)	pthread_mutex_trylock(m)
#define bench_spin_init(s)	pthread_mutex_init((s), NULL)
#define bench_spin_lock(s)	pthread_mutex_lock(s)
#define bench_spin_unlock(s)	pthread_mutex_unlock(s)
#define bench_rwlock_init(rw)	pthread_rwlock_init((rw), NULL)
#define bench_cond_init(c)	pthread_cond_init((c), NULL)
#define bench_cond_wait(c, m)	pthread_cond_wait((c), (m))
#define bench_cond_signal(c)	pthread_cond_signal(c)

static inline void
bench_rw_enter(bench_rwlock_t *rw, int writer)
{
	if (writer)
		pthread_rwlock_wrlock(rw);
	else
		pthread_rwlock_rdlock(rw);
}

static inline void
bench_rw_exit(bench_rwlock_t *rw, int writer)
{
	(void)writer;
	pthread_rwlock_unlock(rw);
}

static inline int
bench_thread_start(bench_thread_t *t, void *(*fn)(void *), void *arg)
{
	return pthread_create(t, NULL, fn, arg) == 0 ? 0 : -1;
}

#define bench_thread_join(t)	pthread_join(*(t), NULL)

static inline int64_t
bench_clock_read(int wall)
{
	struct timespec ts;

	clock_gettime(wall ? CLOCK_REALTIME : CLOCK_MONOTONIC, &ts);
	return ts.tv_nsec;
}

static inline void
bench_sleep_ns(long ns)
{
	struct timespec ts = { 0, ns };

	nanosleep(&ts, NULL);
}

#if defined(__EMSCRIPTEN__)
/* getentropy gives at most 256 bytes a call. */
static inline int
bench_random_fill(void *buf, size_t len)
{
	size_t done, n;

	for (done = 0; done < len; done += n) {
		n = len - done < 256 ? len - done : 256;
		if (getentropy((char *)buf + done, n) != 0)
			return -1;
	}
	return 0;
}
#else
static inline int
bench_random_fill(void *buf, size_t len)
{
	size_t done;
	ssize_t got;

	for (done = 0; done < len; done += (size_t)got)
		if ((got = getrandom((char *)buf + done, len - done, 0)) < 0)
			return -1;
	return 0;
}
#endif

static inline void *
bench_alloc(size_t len, size_t align)
{
	void *p;

	if (align < sizeof(void *))
		align = sizeof(void *);
	return posix_memalign(&p, align, len) == 0 ? p : NULL;
}

#define bench_free(p)		free(p)

#define BENCH_TLS_DEFINE(type, name)	static __thread type name
#define bench_tls_read(name)		(name)
#define bench_tls_write(name, v)	((name) = (v))

#endif

#endif /* BENCH_PRIM_H */
