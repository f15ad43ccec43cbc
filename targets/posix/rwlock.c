/*
 * rwlock.c -- kernel read/write locks on one futex word.
 *
 * The word holds the reader count, the number of writers waiting, and
 * two flags: a writer holds the lock, readers sleep on the word.  Every
 * change is one atomic operation on it, so taking a free lock and
 * leaving one nobody waits for touch nothing else; tryupgrade and
 * downgrade are exact (one compare-and-swap each).
 *
 * Writers are preferred: while one waits, new readers stay out.  Readers
 * and writers sleep on the word as two kinds of futex sleeper: a release
 * wakes one writer if any waits, else every reader.  Waiting gives up
 * the virtual CPU; nothing else does.
 */
#include "rumpuser_int.h"
#include "futex.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

#define RW_READERS	0x0000ffffu	/* reader count */
#define RW_WWAITER	0x00010000u	/* one waiting writer */
#define RW_WWAITERS	0x3fff0000u	/* count of waiting writers */
#define RW_RSLEEP	0x40000000u	/* readers sleep on the word */
#define RW_WRITE	0x80000000u	/* a writer holds the lock */

/* The two kinds of sleeper on the word. */
#define SLEEP_READER	1u
#define SLEEP_WRITER	2u

struct rumpuser_rw {
	uint32_t	state;		/* the futex, RW_* */
	struct lwp	*wlwp;		/* the writer's lwp */
	void		*wthread;	/* and host thread, for lwp-less callers */
} __attribute__((__aligned__(RUMPUSER_LOCKALIGN)));

static void
check_op(int enum_rumprwlock, const char *what)
{

	if (enum_rumprwlock != RUMPUSER_RW_READER &&
	    enum_rumprwlock != RUMPUSER_RW_WRITER)
		rumpuser__fatal("%s: unknown lock type %d", what,
		    enum_rumprwlock);
}

/* Any address unique to the calling host thread identifies it. */
static inline void *
this_thread(void)
{

	return &rumpuser__curlwp_tls;
}

static inline uint32_t
rw_load(struct rumpuser_rw *rw)
{

	return __atomic_load_n(&rw->state, __ATOMIC_RELAXED);
}

/* Replace the state s (updated on failure) with n; acquire ordering. */
static inline bool
rw_cas(struct rumpuser_rw *rw, uint32_t *s, uint32_t n)
{

	return __atomic_compare_exchange_n(&rw->state, s, n, true,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* A reader gets in unless a writer holds the lock or waits for it. */
static inline bool
read_blocked(uint32_t s)
{

	return (s & (RW_WRITE | RW_WWAITERS)) != 0 ||
	    (s & RW_READERS) == RW_READERS;
}

static inline bool
write_blocked(uint32_t s)
{

	return (s & (RW_WRITE | RW_READERS)) != 0;
}

static void
set_writer(struct rumpuser_rw *rw)
{

	__atomic_store_n(&rw->wlwp, rumpuser__curlwp(), __ATOMIC_RELAXED);
	__atomic_store_n(&rw->wthread, this_thread(), __ATOMIC_RELAXED);
}

static bool
try_read(struct rumpuser_rw *rw)
{
	uint32_t s = rw_load(rw);

	do {
		if (read_blocked(s))
			return false;
	} while (!rw_cas(rw, &s, s + 1));
	return true;
}

static bool
try_write(struct rumpuser_rw *rw)
{
	uint32_t s = rw_load(rw);

	do {
		if (write_blocked(s))
			return false;
	} while (!rw_cas(rw, &s, s | RW_WRITE));
	set_writer(rw);
	return true;
}

/* Sleep until a reader can get in, then get in. */
static void
wait_read(struct rumpuser_rw *rw)
{
	uint32_t s = rw_load(rw);

	for (;;) {
		if ((s & RW_READERS) == RW_READERS)
			rumpuser__fatal("rw_enter %p: too many readers",
			    (void *)rw);
		if (!read_blocked(s)) {
			if (rw_cas(rw, &s, s + 1))
				return;
			continue;
		}
		/* Whoever releases the lock next sees RW_RSLEEP. */
		if (!(s & RW_RSLEEP) && !rw_cas(rw, &s, s | RW_RSLEEP))
			continue;
		rumpuser__futex_wait(&rw->state, s | RW_RSLEEP, NULL,
		    SLEEP_READER);
		s = rw_load(rw);
	}
}

/*
 * Sleep until the lock is free, then take it.  Counted as waiting all
 * along, so every release meanwhile wakes a writer.
 */
static void
wait_write(struct rumpuser_rw *rw)
{
	uint32_t s;

	s = __atomic_add_fetch(&rw->state, RW_WWAITER, __ATOMIC_RELAXED);
	if ((s & RW_WWAITERS) == 0)
		rumpuser__fatal("rw_enter %p: too many writers", (void *)rw);
	for (;;) {
		if (!write_blocked(s)) {
			if (rw_cas(rw, &s, (s - RW_WWAITER) | RW_WRITE))
				break;
			continue;
		}
		rumpuser__futex_wait(&rw->state, s, NULL, SLEEP_WRITER);
		s = rw_load(rw);
	}
	set_writer(rw);
}

/*
 * After a release that left state s: the lock is free for a writer, so
 * wake one if any waits; else let every sleeping reader retry.
 */
static void
wake_waiters(struct rumpuser_rw *rw, uint32_t s)
{

	if (s & RW_WWAITERS) {
		if (!write_blocked(s))
			rumpuser__futex_wake(&rw->state, 1, SLEEP_WRITER);
	} else if (s & RW_RSLEEP) {
		__atomic_and_fetch(&rw->state, ~RW_RSLEEP, __ATOMIC_RELAXED);
		rumpuser__futex_wake(&rw->state, INT_MAX, SLEEP_READER);
	}
}

void
rumpuser_rw_init(struct rumpuser_rw **rwp)
{

	*rwp = rumpuser__lockalloc(sizeof(struct rumpuser_rw));
}

void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int nlocks;

	if (enum_rumprwlock == RUMPUSER_RW_READER) {
		if (try_read(rw))
			return;
		rumpuser__unschedule(&nlocks, NULL);
		wait_read(rw);
	} else {
		check_op(enum_rumprwlock, "rw_enter");
		if (try_write(rw))
			return;
		rumpuser__unschedule(&nlocks, NULL);
		wait_write(rw);
	}
	rumpuser__schedule(nlocks, NULL);
}

int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{

	switch (enum_rumprwlock) {
	case RUMPUSER_RW_READER:
		return try_read(rw) ? 0 : NB_EBUSY;
	case RUMPUSER_RW_WRITER:
		return try_write(rw) ? 0 : NB_EBUSY;
	default:
		return NB_EINVAL;
	}
}

/* Succeeds only for the sole reader, who then holds the lock for write. */
int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
	uint32_t s = rw_load(rw);

	do {
		if ((s & (RW_WRITE | RW_READERS)) != 1)
			return NB_EBUSY;
	} while (!rw_cas(rw, &s, (s - 1) | RW_WRITE));
	set_writer(rw);
	return 0;
}

static bool
held_by_me_for_write(struct rumpuser_rw *rw)
{
	struct lwp *l = rumpuser__curlwp();

	if (!(rw_load(rw) & RW_WRITE) ||
	    __atomic_load_n(&rw->wlwp, __ATOMIC_RELAXED) != l)
		return false;
	return l != NULL ||
	    __atomic_load_n(&rw->wthread, __ATOMIC_RELAXED) == this_thread();
}

static void
clear_writer(struct rumpuser_rw *rw)
{

	__atomic_store_n(&rw->wlwp, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&rw->wthread, NULL, __ATOMIC_RELAXED);
}

/*
 * Write to read in one step, so no writer can get in between; readers
 * that slept on the writer may join unless a writer waits.  It never
 * waits, so it keeps the CPU.
 */
void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{
	uint32_t s;

	if (!held_by_me_for_write(rw))
		rumpuser__fatal("rw_downgrade %p: not write-held by caller",
		    (void *)rw);
	clear_writer(rw);
	s = __atomic_add_fetch(&rw->state, 1 - RW_WRITE, __ATOMIC_RELEASE);
	wake_waiters(rw, s);
}

void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{
	uint32_t s = rw_load(rw);

	if (s & RW_WRITE) {
		clear_writer(rw);
		s = __atomic_sub_fetch(&rw->state, RW_WRITE, __ATOMIC_RELEASE);
	} else if (s & RW_READERS) {
		s = __atomic_sub_fetch(&rw->state, 1, __ATOMIC_RELEASE);
	} else {
		rumpuser__fatal("rw_exit %p: lock not held", (void *)rw);
	}
	if (s & (RW_WWAITERS | RW_RSLEEP))
		wake_waiters(rw, s);
}

void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{

	if (rw_load(rw) & (RW_WRITE | RW_READERS | RW_WWAITERS))
		rumpuser__fatal("rw_destroy %p: lock in use", (void *)rw);
	free(rw);
}

/* WRITER: 1 iff the caller holds it for write.  READER: the reader count. */
void
rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *rw, int *heldp)
{

	check_op(enum_rumprwlock, "rw_held");
	if (enum_rumprwlock == RUMPUSER_RW_WRITER)
		*heldp = held_by_me_for_write(rw);
	else
		*heldp = (int)(rw_load(rw) & RW_READERS);
}
