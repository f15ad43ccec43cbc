/*
 * bio_uring.c -- block I/O on a Linux io_uring, through the raw system
 * calls (no liburing: the library keeps no run-time dependency beyond
 * libc, and a kernel without io_uring only costs a refused setup).
 *
 * Each request takes a slot; its transfer (and, for a SYNC write, an
 * fdatasync linked behind it) goes on the ring under sq.lock. Whoever
 * holds `reaping' reaps: the submitter right after it submits (a read from
 * the page cache has completed by then, so biodone runs without a thread
 * hop), else one reaper thread with its own lwp that sleeps in
 * io_uring_enter. Both call biodone holding a CPU, once per request.
 */
#include "bio.h"
#include "hostring.h"

#include <errno.h>

#if HOSTRING_AVAILABLE
#include <string.h>

#define URING_ENTRIES	(2 * BIO_QUEUE)	/* a SYNC write takes two */
#define URING_MAXLEN	(1u << 30)	/* larger transfers go to threads */
#define UD_SYNC		1u		/* user_data: the linked fdatasync */

struct uslot {
	struct bioreq	r;
	int		hostfd;		/* fd the transfer went to */
	int		parts;		/* completions still to come */
	int32_t		xfer, sync;	/* their results */
	int		nextfree;
};

static struct hostring ring;
static struct {
	pthread_mutex_t	lock;		/* submissions, slots */
	pthread_cond_t	slotfree;
	struct uslot	slots[BIO_QUEUE];
	int		freeslot;	/* -1: none */
} sq = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.slotfree = PTHREAD_COND_INITIALIZER,
};
static pthread_mutex_t reaping = PTHREAD_MUTEX_INITIALIZER;

/*
 * Take the completions there are: a slot whose last part arrived goes to
 * ready[]. Call holding reaping.
 */
static int
reap_locked(struct uslot **ready, int max)
{
	struct io_uring_cqe c[BIO_QUEUE];
	struct uslot *s;
	unsigned i, nc;
	int n = 0;

	/* A request's parts are at most 2: room for max whole requests. */
	nc = hostring_reap(&ring, c, (unsigned)max);
	for (i = 0; i < nc; i++) {
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
	pthread_cond_broadcast(&sq.slotfree);
	pthread_mutex_unlock(&sq.lock);
}

/*
 * Reap if nobody else is (or wait for the reaper's turn): the completed
 * requests, settled, go to done[] and their slots are free again before
 * biodone runs (a biodone may submit). Returns how many (at most max).
 */
static int
reap(struct bioreq *done, int max, int wait)
{
	struct uslot *ready[BIO_QUEUE];
	int i, n;

	if (wait)
		pthread_mutex_lock(&reaping);
	else if (pthread_mutex_trylock(&reaping) != 0)
		return 0;
	n = reap_locked(ready, max);
	pthread_mutex_unlock(&reaping);
	for (i = 0; i < n; i++) {
		settle(ready[i]);
		done[i] = ready[i]->r;
	}
	if (n > 0)
		slots_free(ready, n);
	return n;
}

static void *
reaper(void *arg)
{
	struct bioreq done[BIO_QUEUE];
	int n, nlocks;

	(void)arg;
	rumpuser__hyp.hyp_schedule();
	if ((n = rumpuser__hyp.hyp_lwproc_newlwp(0)) != 0)
		rumpuser__fatal("bio: no lwp for the io_uring reaper (error %d)", n);
	rumpuser__hyp.hyp_unschedule();
	for (;;) {
		if (hostring_wait(&ring) == -1)
			rumpuser__fatal("bio: io_uring_enter: %s", strerror(errno));
		if ((n = reap(done, BIO_QUEUE, 1)) == 0)
			continue;
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

	if ((error = hostring_bio_setup(&ring, URING_ENTRIES)) != 0)
		return error;
	if ((error = pthread_create(&pt, NULL, reaper, NULL)) != 0) {
		hostring_teardown(&ring);
		return error;
	}
	pthread_detach(pt);
	pthread_setname_np(pt, "rumpbioring");
	for (i = 0; i < BIO_QUEUE; i++)
		sq.slots[i].nextfree = i + 1 < BIO_QUEUE ? i + 1 : -1;
	sq.freeslot = 0;
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

/* Put s on the ring: its transfer, and a SYNC write's fdatasync after it. */
static void
slot_submit(struct uslot *s)
{
	uint64_t ud = (uint64_t)(s - sq.slots) << 1;

	hostring_queue_rw(&ring, (s->r.op & RUMPUSER_BIO_WRITE) != 0,
	    s->hostfd, s->r.data, s->r.dlen, s->r.off, ud);
	if ((s->r.op & RUMPUSER_BIO_WRITE) && (s->r.op & RUMPUSER_BIO_SYNC)) {
		hostring_queue_linked_datasync(&ring, s->hostfd, ud | UD_SYNC);
		s->parts = 2;
	}
	if (hostring_submit(&ring, 0) == -1)
		rumpuser__fatal("bio: io_uring_enter: %s", strerror(errno));
}

int
rumpuser__bio_uring_submit(const struct bioreq *r, struct bioreq *done)
{
	pthread_mutex_lock(&sq.lock);
	slot_submit(slot_take(r));
	pthread_mutex_unlock(&sq.lock);
	return reap(done, BIO_REAP_INLINE, 0);
}

/* Whether the ring takes r: one transfer of a size io_uring does whole. */
int
rumpuser__bio_uring_fits(const struct bioreq *r)
{
	return r->off >= 0 && r->dlen <= URING_MAXLEN;
}

#else /* !HOSTRING_AVAILABLE */

int
rumpuser__bio_uring_start(void)
{
	return hostring_bio_setup(NULL, 0);
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

#endif
