/*
 * bio_uring.c -- block I/O on a Linux io_uring, through the raw system
 * calls (no liburing: the library keeps no run-time dependency beyond
 * libc, and a kernel without io_uring only costs a refused setup).
 *
 * Each request takes a slot; its transfer (and, for a SYNC write, an
 * fdatasync linked behind it) is filled in on the ring under sq.lock.
 * Submission is plugged, as a block layer plugs a task's requests: while
 * the reaper ticks, a request waits on the ring until a thread blocks in
 * a wrapped hypercall (cv wait, clock sleep, close, syncfd:
 * rumpuser__bio_flush), BIO_PLUG_MAX are held, or the reaper finds it
 * held for a whole tick -- so requests issued back to back go in one
 * io_uring_enter. A cv waiter delivers what completed during that enter
 * itself (a read from the page cache, a hole: cv.c), with no thread hop.
 * If nothing did and requests are on the ring, a waiter that owns its
 * adaptive interlock sleeps in io_uring_enter instead of on the cv's futex
 * word, which the ring watches (IORING_OP_FUTEX_WAIT, Linux 6.7): the
 * completion wakes the thread that waits for it, which delivers it; no
 * reaper wakeup, no futex wake back (4 KiB writes at depth 1: futex calls
 * per request 8.4 -> 0.3, the submitter's CPU 2.3x -> 1.1-1.3x the
 * limit's). The watch is cancelled when the wait ends otherwise: left
 * armed it would take a wakeup meant for another sleeper. A waiter whose
 * last flush saw nothing complete submits and waits in one enter.
 * Requests nobody waits for on the ring wake the reaper, a thread with its
 * own lwp that sleeps in io_uring_enter and delivers a batch per wakeup;
 * it stays off the ring while a cv waiter is on it, and while submitters
 * reap their own completions (reaper_ring_due_locked: 4 KiB reads at
 * depth 32, wall time 1.31x -> 1.09x the limit's). All call biodone
 * holding a CPU, once per request. A SYNC write posts one completion
 * where the kernel allows it (IOSQE_CQE_SKIP_SUCCESS): its waiter wakes
 * once. Idle for URING_IDLE_TICKS, the reaper stops ticking and requests
 * are submitted as they come (the first completion wakes it); so does a
 * kernel whose wait cannot time out.
 * Left out, measured (2 loaded CPUs, limit and target on the same flags):
 * SQPOLL (its kernel thread takes a CPU: the limit's 4 KiB read went from
 * 5 us to 466 us), COOP_TASKRUN (no change beyond the noise); registered
 * buffers do not fit (the kernel's buffers change with every request).
 * A registered file took the limit's CPU per 4 KiB request at depth 32
 * from 635 to 594 ns, at depth 1 nothing: not done yet (it needs the fd
 * table kept registered across open and close).
 */
#include "bio.h"
#include "hostring.h"

#include <errno.h>

#if HOSTRING_AVAILABLE
#include <string.h>
#include <time.h>

#define URING_ENTRIES	(2 * BIO_QUEUE)	/* a SYNC write takes two */
#define URING_MAXLEN	(1u << 30)	/* larger transfers go to threads */
#define UD_SYNC		1u		/* user_data: the linked fdatasync */
#define UD_WAITER	(1ull << 63)	/* user_data: a cv waiter's futex wait */
#define BIO_PLUG_MAX	32		/* requests held for one submit */
#define URING_TICK_NS	1000000L	/* how often the reaper checks the plug */
#define URING_IDLE_TICKS 64		/* ticks without a bio: stop ticking */
#define PROBE_EVERY	64		/* a waiter's flush first, at least */

struct uslot {
	struct bioreq	r;
	int		hostfd;		/* fd the transfer went to */
	int		parts;		/* completions still to come */
	int32_t		xfer, sync;	/* their results */
	int		nextfree;
};

static struct hostring ring;
static struct {
	pthread_mutex_t	lock;		/* submissions, slots, the plug */
	pthread_cond_t	slotfree;
	struct uslot	slots[BIO_QUEUE];
	int		freeslot;	/* -1: none */
	int		on;		/* the ring is set up */
	int		ticking;	/* the reaper checks the plug every tick */
	int		reaper_idle;	/* it waits on reaperwake, not the ring */
	int		reaper_wanted;	/* on the ring: asked for (reaper_nudge) */
	unsigned	reaped;		/* requests reaped so far, by anyone */
	pthread_cond_t	reaperwake;
	unsigned	onring;		/* requests submitted, not yet reaped */
	unsigned	plugged;	/* requests filled in, not yet submitted */
	unsigned	flushes;	/* plugs released so far */
	unsigned	issued;		/* requests so far (the reaper's idle count) */
	unsigned	ringwaiters;	/* threads waiting on the ring (ring_wait) */
	int		inline_seen;	/* the last waiter's flush found completions */
	unsigned	probes;		/* waits since: every PROBE_EVERY flushes */
	uint64_t	waits;		/* ring waits so far: their user_data */
} sq = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.slotfree = PTHREAD_COND_INITIALIZER,
	.reaperwake = PTHREAD_COND_INITIALIZER,
};
static pthread_mutex_t reaping = PTHREAD_MUTEX_INITIALIZER;

/*
 * Take the completions there are: a slot whose last part arrived goes to
 * ready[]; a waiter's futex wait is passed over, but *fired says whether
 * the one with user_data mine was among them. Call holding reaping.
 */
static int
reap_locked(struct uslot **ready, int max, uint64_t mine, int *fired)
{
	struct io_uring_cqe c[BIO_QUEUE];
	struct uslot *s;
	unsigned i, nc;
	int n = 0;

	/* A request's parts are at most 2: room for max whole requests. */
	nc = hostring_reap(&ring, c, (unsigned)max);
	for (i = 0; i < nc; i++) {
		if (c[i].user_data & UD_WAITER) {
			*fired |= c[i].user_data == mine;
			continue;
		}
		s = &sq.slots[c[i].user_data >> 1];
		if (c[i].user_data & UD_SYNC)
			s->sync = c[i].res;
		else
			s->xfer = c[i].res;
		if (--s->parts == 0)
			ready[n++] = s;
	}
	return n;
}

/*
 * Turn a slot's results into the request's outcome. What the ring could
 * not settle is done again on the host, as the thread path would: the
 * O_DIRECT companion refused the alignment (EINVAL), an interrupted or
 * would-block transfer, an fdatasync cut off by a short write.
 */
static void
settle(struct uslot *s)
{
	struct bioreq *r = &s->r;
	int issync = (r->op & RUMPUSER_BIO_WRITE) && (r->op & RUMPUSER_BIO_SYNC);

	if (s->xfer == -EINTR || s->xfer == -EAGAIN ||
	    (s->xfer == -EINVAL && s->hostfd != r->fd)) {
		if (s->xfer == -EINVAL)
			r->directfd = -1;
		rumpuser__bio_perform(r);
		return;
	}
	r->bytes = 0;
	if (s->xfer < 0) {
		r->error = ET(-s->xfer);
		return;
	}
	if (issync && s->sync == -ECANCELED &&
	    rumpuser__bio_sync_data(s->hostfd) == -1) {
		r->error = ET(errno);
		return;
	}
	if (issync && s->sync < 0 && s->sync != -ECANCELED) {
		r->error = ET(-s->sync);
		return;
	}
	r->bytes = (size_t)s->xfer;
	r->error = 0;
}

static void
slots_free(struct uslot *const *ready, int n)
{
	int i;

	pthread_mutex_lock(&sq.lock);
	for (i = 0; i < n; i++) {
		ready[i]->nextfree = sq.freeslot;
		sq.freeslot = (int)(ready[i] - sq.slots);
	}
	sq.onring -= (unsigned)n;
	sq.reaped += (unsigned)n;
	pthread_cond_broadcast(&sq.slotfree);
	pthread_mutex_unlock(&sq.lock);
}

/*
 * Reap if nobody else is (or wait for the reaper's turn): the completed
 * requests, settled, go to done[] and their slots are free again before
 * biodone runs (a biodone may submit). Returns how many (at most max).
 */
static int
reap_mine(struct bioreq *done, int max, int wait, uint64_t mine, int *fired)
{
	struct uslot *ready[BIO_QUEUE];
	int i, n;

	if (wait)
		pthread_mutex_lock(&reaping);
	else if (pthread_mutex_trylock(&reaping) != 0)
		return 0;
	n = reap_locked(ready, max, mine, fired);
	pthread_mutex_unlock(&reaping);
	for (i = 0; i < n; i++) {
		settle(ready[i]);
		done[i] = ready[i]->r;
	}
	if (n > 0)
		slots_free(ready, n);
	return n;
}

static int
reap(struct bioreq *done, int max, int wait)
{
	int fired = 0;

	return reap_mine(done, max, wait, 0, &fired);
}

/* Submit what is plugged: the mark to enter up to. Call under sq.lock. */
static unsigned
plug_release_locked(void)
{
	sq.onring += sq.plugged;
	sq.plugged = 0;
	sq.flushes++;
	return hostring_publish(&ring);
}

static void
ring_enter(unsigned mark)
{
	if (hostring_enter(&ring, mark) == -1)
		rumpuser__fatal("bio: io_uring_enter: %s", strerror(errno));
}

/*
 * The reaper's look at the plug, once a tick: count idle ticks, submit a
 * plug no flush released since the last look, and say whether to tick on.
 */
static int
reaper_tick(unsigned *flushes, unsigned *issued, int *idle)
{
	unsigned mark = 0;
	int stale, ticking;

	pthread_mutex_lock(&sq.lock);
	stale = sq.plugged > 0 && sq.flushes == *flushes;
	*idle = sq.issued == *issued ? *idle + 1 : 0;
	*issued = sq.issued;
	sq.ticking = hostring_can_time_out(&ring) && *idle < URING_IDLE_TICKS;
	/* Not ticking, nobody would release a plug: release it now. */
	if ((stale || !sq.ticking) && sq.plugged > 0) {
		mark = plug_release_locked();
		stale = 1;
		sq.reaper_wanted = 1;	/* nobody else may wait for them */
	}
	*flushes = sq.flushes;
	ticking = sq.ticking;
	pthread_mutex_unlock(&sq.lock);
	if (stale)
		ring_enter(mark);
	return ticking;
}

/* Absolute CLOCK_REALTIME time one tick from now (pthread_cond_timedwait). */
static struct timespec
tick_deadline(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += URING_TICK_NS;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_nsec -= 1000000000L;
		ts.tv_sec++;
	}
	return ts;
}

/*
 * Whether the reaper should wait on the ring: requests are on it, no cv
 * waiter waits there, and it was asked to (reaper_nudge, ring_wait_leave,
 * a plug it released), or nobody else reaped since its last look (*seen:
 * sq.reaped then, plus what it reaped itself), or it does not tick.
 * Submitters that reap their own completions keep it off the ring: there
 * every batch they submit would wake it for nothing (4 KiB reads at depth
 * 32: a wakeup every third batch). Call under sq.lock.
 */
static int
reaper_ring_due_locked(unsigned *seen)
{
	int others = sq.reaped != *seen;

	*seen = sq.reaped;
	if (sq.onring == 0 || sq.ringwaiters > 0)
		return 0;
	return sq.reaper_wanted || !sq.ticking || !others;
}

/*
 * Sleep until the ring needs the reaper (reaper_ring_due_locked), or the
 * next tick. Returns whether to wait on the ring.
 */
static int
reaper_idle_wait(int ticking, unsigned *seen)
{
	struct timespec deadline;
	int ring;

	pthread_mutex_lock(&sq.lock);
	if (!reaper_ring_due_locked(seen)) {
		sq.reaper_idle = 1;
		deadline = tick_deadline();
		if (ticking)
			pthread_cond_timedwait(&sq.reaperwake, &sq.lock, &deadline);
		else
			pthread_cond_wait(&sq.reaperwake, &sq.lock);
		sq.reaper_idle = 0;
	}
	ring = reaper_ring_due_locked(seen);
	if (ring)
		sq.reaper_wanted = 0;
	pthread_mutex_unlock(&sq.lock);
	return ring;
}

/*
 * Whether the reaper should wait on the ring for the requests there, and,
 * idle, wake. Call under sq.lock.
 */
static int
reaper_wanted_locked(void)
{
	if (sq.onring > 0 && sq.ringwaiters == 0)
		sq.reaper_wanted = 1;
	return sq.reaper_idle && (sq.reaper_wanted || !sq.ticking);
}

/*
 * Wake the reaper if it sleeps off the ring while requests wait on it and
 * no cv waiter does, or while it does not tick (it starts again).
 */
static void
reaper_nudge(void)
{
	if (__atomic_load_n(&sq.onring, __ATOMIC_RELAXED) == 0 &&
	    __atomic_load_n(&sq.ticking, __ATOMIC_RELAXED))
		return;
	pthread_mutex_lock(&sq.lock);
	if (reaper_wanted_locked())
		pthread_cond_signal(&sq.reaperwake);
	pthread_mutex_unlock(&sq.lock);
}

static void *
reaper(void *arg)
{
	struct bioreq done[BIO_QUEUE];
	unsigned flushes = 0, issued = 0, seen = 0;
	int n, nlocks, idle = 0, ticking;

	(void)arg;
	rumpuser__hyp.hyp_schedule();
	if ((n = rumpuser__hyp.hyp_lwproc_newlwp(0)) != 0)
		rumpuser__fatal("bio: no lwp for the io_uring reaper (error %d)", n);
	rumpuser__hyp.hyp_unschedule();
	for (;;) {
		ticking = reaper_tick(&flushes, &issued, &idle);
		if (!reaper_idle_wait(ticking, &seen))
			continue;
		if ((ticking ? hostring_wait_ns(&ring, URING_TICK_NS) :
		    hostring_wait(&ring)) == -1)
			rumpuser__fatal("bio: io_uring_enter: %s", strerror(errno));
		if ((n = reap(done, BIO_QUEUE, 1)) == 0)
			continue;
		seen += (unsigned)n;
		rumpuser__schedule(0, NULL);
		rumpuser__bio_deliver(done, n);
		rumpuser__unschedule(&nlocks, NULL);
	}
	return NULL;
}

int
rumpuser__bio_uring_start(void)
{
	pthread_t pt;
	int i, error;

	if ((error = hostring_bio_setup(&ring, URING_ENTRIES, 1)) != 0)
		return error;
	for (i = 0; i < BIO_QUEUE; i++)
		sq.slots[i].nextfree = i + 1 < BIO_QUEUE ? i + 1 : -1;
	sq.freeslot = 0;
	if ((error = pthread_create(&pt, NULL, reaper, NULL)) != 0) {
		hostring_teardown(&ring);
		return error;
	}
	pthread_detach(pt);
	pthread_setname_np(pt, "rumpbioring");
	__atomic_store_n(&sq.on, 1, __ATOMIC_RELEASE);
	return 0;
}

static struct uslot *
slot_take(const struct bioreq *r)
{
	struct uslot *s;

	while (sq.freeslot == -1)
		pthread_cond_wait(&sq.slotfree, &sq.lock);
	s = &sq.slots[sq.freeslot];
	sq.freeslot = s->nextfree;
	s->r = *r;
	s->hostfd = rumpuser__bio_direct_ok(r) ? r->directfd : r->fd;
	s->parts = 1;
	s->xfer = s->sync = 0;
	return s;
}

/* Fill s in on the ring: its transfer, and a SYNC write's fdatasync after it. */
static void
slot_fill(struct uslot *s)
{
	uint64_t ud = (uint64_t)(s - sq.slots) << 1;

	hostring_queue_rw(&ring, (s->r.op & RUMPUSER_BIO_WRITE) != 0,
	    s->hostfd, s->r.data, s->r.dlen, s->r.off, ud);
	if ((s->r.op & RUMPUSER_BIO_WRITE) && (s->r.op & RUMPUSER_BIO_SYNC)) {
		s->parts = 2;
		/*
		 * Quiet, one completion comes: the sync's (the transfer was
		 * whole), or the transfer's (the sync cut off, silently).
		 */
		if (hostring_queue_linked_datasync(&ring, s->hostfd, ud | UD_SYNC)) {
			s->parts = 1;
			s->xfer = (int32_t)s->r.dlen;
			s->sync = -ECANCELED;
		}
	}
}

int
rumpuser__bio_uring_submit(const struct bioreq *r, struct bioreq *done)
{
	unsigned mark;

	int n;

	pthread_mutex_lock(&sq.lock);
	slot_fill(slot_take(r));
	sq.issued++;
	if (++sq.plugged < BIO_PLUG_MAX && sq.ticking) {
		pthread_mutex_unlock(&sq.lock);
		return 0;
	}
	mark = plug_release_locked();
	pthread_mutex_unlock(&sq.lock);
	ring_enter(mark);
	n = reap(done, BIO_REAP_INLINE, 0);
	reaper_nudge();
	return n;
}

int
rumpuser__bio_pending(void)
{
	return __atomic_load_n(&sq.on, __ATOMIC_ACQUIRE) &&
	    (__atomic_load_n(&sq.plugged, __ATOMIC_RELAXED) > 0 ||
	    hostring_cq_ready(&ring));
}

int
rumpuser__bio_flush(struct bioreq *done, int max)
{
	unsigned mark;
	int held, n;

	if (!rumpuser__bio_pending())
		return 0;
	held = __atomic_load_n(&sq.plugged, __ATOMIC_RELAXED) > 0;
	if (held) {
		pthread_mutex_lock(&sq.lock);
		mark = plug_release_locked();
		pthread_mutex_unlock(&sq.lock);
		ring_enter(mark);
	}
	n = max > 0 ? reap(done, max, 0) : 0;
	if (held && max > 0)
		__atomic_store_n(&sq.inline_seen, n > 0, __ATOMIC_RELAXED);
	/* A caller that may wait on the ring does, if nothing came: no hop. */
	if (max == 0 || n > 0 || !rumpuser__bio_ring_waitable())
		reaper_nudge();
	return n;
}

int
rumpuser__bio_flush_first(void)
{
	return __atomic_load_n(&sq.inline_seen, __ATOMIC_RELAXED) ||
	    __atomic_add_fetch(&sq.probes, 1, __ATOMIC_RELAXED) % PROBE_EVERY == 0;
}

int
rumpuser__bio_ring_waitable(void)
{
	return __atomic_load_n(&sq.on, __ATOMIC_ACQUIRE) &&
	    hostring_can_wait_futex(&ring) &&
	    (__atomic_load_n(&sq.onring, __ATOMIC_RELAXED) > 0 ||
	    __atomic_load_n(&sq.plugged, __ATOMIC_RELAXED) > 0);
}

/* Nanoseconds from now to the CLOCK_MONOTONIC deadline (-1: none, 0: past). */
static int64_t
ns_until(const struct timespec *deadline)
{
	struct timespec now;
	int64_t ns;

	if (deadline == NULL)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (deadline->tv_sec - now.tv_sec > 1000000000)
		return -1;	/* decades away: as good as none, and no overflow */
	ns = (int64_t)(deadline->tv_sec - now.tv_sec) * 1000000000 +
	    (deadline->tv_nsec - now.tv_nsec);
	return ns < 0 ? 0 : ns;
}

/*
 * A ring waiter is done: if it leaves requests on the ring and nobody
 * waits there, the reaper takes them (at its next tick if it ticks).
 */
static void
ring_wait_leave(void)
{
	pthread_mutex_lock(&sq.lock);
	sq.ringwaiters--;
	if (reaper_wanted_locked() && !sq.ticking)
		pthread_cond_signal(&sq.reaperwake);
	pthread_mutex_unlock(&sq.lock);
}

int
rumpuser__bio_ring_wait(uint32_t *word, uint32_t val,
    const struct timespec *deadline, struct bioreq *done, int max)
{
	uint64_t ud;
	unsigned mark;
	int n, fired = 0;

	/* What completed already goes back with no wait to arm and cancel. */
	n = hostring_cq_ready(&ring) ? reap(done, max, 0) : 0;
	if (n > 0) {
		rumpuser__bio_flush(NULL, 0);
		return n;
	}
	pthread_mutex_lock(&sq.lock);
	ud = UD_WAITER | ++sq.waits;
	hostring_queue_futex_wait(&ring, word, val, ud);
	mark = plug_release_locked();
	sq.ringwaiters++;
	pthread_mutex_unlock(&sq.lock);
	/*
	 * Interrupted by a host signal, or woken for a completion another
	 * thread took: wait on, as a futex wait would.
	 */
	do {
		if (hostring_enter_wait(&ring, mark, ns_until(deadline)) == -1)
			rumpuser__fatal("bio: io_uring_enter: %s", strerror(errno));
		n = reap_mine(done, max, 1, ud, &fired);
	} while (n == 0 && !fired && __atomic_load_n(word, __ATOMIC_ACQUIRE) == val &&
	    ns_until(deadline) != 0);
	/*
	 * Left armed, it would take a wakeup meant for another sleeper. The
	 * cancel posts its completion on the way back: take it now, or the
	 * next wait would end on it at once.
	 */
	if (!fired) {
		if (hostring_cancel(&ring, ud) == -1)
			rumpuser__fatal("bio: io_uring cancel: %s", strerror(errno));
		n += reap_mine(done + n, max - n, 1, ud, &fired);
	}
	ring_wait_leave();
	return n;
}

/* Whether the ring takes r: one transfer of a size io_uring does whole. */
int
rumpuser__bio_uring_fits(const struct bioreq *r)
{
	return r->off >= 0 && r->dlen <= URING_MAXLEN;
}

#else /* !HOSTRING_AVAILABLE */

int
rumpuser__bio_flush_first(void)
{
	return 1;
}

int
rumpuser__bio_ring_waitable(void)
{
	return 0;
}

int
rumpuser__bio_ring_wait(uint32_t *word, uint32_t val,
    const struct timespec *deadline, struct bioreq *done, int max)
{
	(void)word;
	(void)val;
	(void)deadline;
	(void)done;
	(void)max;
	return 0;
}

int
rumpuser__bio_uring_start(void)
{
	return hostring_bio_setup(NULL, 0, 1);
}

int
rumpuser__bio_uring_fits(const struct bioreq *r)
{
	(void)r;
	return 0;
}

int
rumpuser__bio_uring_submit(const struct bioreq *r, struct bioreq *done)
{
	(void)r;
	(void)done;
	return 0;
}

int
rumpuser__bio_pending(void)
{
	return 0;
}

int
rumpuser__bio_flush(struct bioreq *done, int max)
{
	(void)done;
	(void)max;
	return 0;
}

#endif
