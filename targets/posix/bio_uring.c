/*
 * bio_uring.c -- block I/O on a Linux io_uring, through the raw system
 * calls (no liburing: the library keeps no run-time dependency beyond
 * libc, and a kernel without io_uring only costs a refused setup).
 *
 * Each request takes a slot; its transfer (and, for a SYNC write, an
 * fdatasync linked behind it) goes on the ring under sq.lock. Whoever
 * holds cq.lock reaps: the submitter right after it submits (a read from
 * the page cache has completed by then, so biodone runs without a thread
 * hop), else one reaper thread with its own lwp that sleeps in
 * io_uring_enter. Both call biodone holding a CPU, once per request.
 */
#include "bio.h"

#include <errno.h>

#if RUMPUSER_BIO_URING
#include <sys/mman.h>
#include <sys/syscall.h>

#include <linux/io_uring.h>

#include <string.h>
#include <unistd.h>

#define URING_ENTRIES	(2 * BIO_QUEUE)	/* a SYNC write takes two */
#define URING_MAXLEN	(1u << 30)	/* larger transfers go to threads */
#define UD_SYNC		1u		/* user_data: the linked fdatasync */

struct uslot {
	struct bioreq	r;		/* first: a slot is its request */
	int		hostfd;		/* fd the transfer went to */
	int		parts;		/* completions still to come */
	int32_t		xfer, sync;	/* their results */
	int		nextfree;
};

static struct {
	int		fd;
	pthread_mutex_t	lock;		/* the submission queue, slots */
	pthread_cond_t	slotfree;
	unsigned	*head, *tail, mask;
	struct io_uring_sqe *sqes;
	struct uslot	slots[BIO_QUEUE];
	int		freeslot;	/* -1: none */
} sq = {
	.fd = -1,
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.slotfree = PTHREAD_COND_INITIALIZER,
};

static struct {
	pthread_mutex_t	lock;		/* reaping */
	unsigned	*head, *tail, mask;
	struct io_uring_cqe *cqes;
} cq = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int
uring_enter(unsigned submit, unsigned wait)
{
	return (int)syscall(__NR_io_uring_enter, sq.fd, submit, wait,
	    wait > 0 ? IORING_ENTER_GETEVENTS : 0, NULL, 0);
}

static void *
ring_map(size_t len, off_t what)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_POPULATE, sq.fd, what);

	return p == MAP_FAILED ? NULL : p;
}

/* Map the rings of a set-up sq.fd; 0, or an errno. */
static int
ring_map_all(const struct io_uring_params *p)
{
	size_t sqlen = p->sq_off.array + p->sq_entries * sizeof(unsigned);
	size_t cqlen = p->cq_off.cqes + p->cq_entries *
	    sizeof(struct io_uring_cqe);
	unsigned char *sqr, *cqr;
	unsigned *array, i;

	if ((p->features & IORING_FEAT_SINGLE_MMAP) && cqlen > sqlen)
		sqlen = cqlen;
	if ((sqr = ring_map(sqlen, IORING_OFF_SQ_RING)) == NULL)
		return errno;
	cqr = (p->features & IORING_FEAT_SINGLE_MMAP) ? sqr :
	    ring_map(cqlen, IORING_OFF_CQ_RING);
	sq.sqes = ring_map(p->sq_entries * sizeof(struct io_uring_sqe),
	    IORING_OFF_SQES);
	if (cqr == NULL || sq.sqes == NULL)
		return errno;
	sq.head = (unsigned *)(sqr + p->sq_off.head);
	sq.tail = (unsigned *)(sqr + p->sq_off.tail);
	sq.mask = *(unsigned *)(sqr + p->sq_off.ring_mask);
	array = (unsigned *)(sqr + p->sq_off.array);
	for (i = 0; i < p->sq_entries; i++)
		array[i] = i;		/* entry i of the ring is sqes[i] */
	cq.head = (unsigned *)(cqr + p->cq_off.head);
	cq.tail = (unsigned *)(cqr + p->cq_off.tail);
	cq.mask = *(unsigned *)(cqr + p->cq_off.ring_mask);
	cq.cqes = (struct io_uring_cqe *)(cqr + p->cq_off.cqes);
	return 0;
}

/*
 * Take the completions there are: a slot whose last part arrived goes to
 * ready[]. Call with cq.lock held.
 */
static int
reap_locked(struct uslot **ready, int max)
{
	unsigned head = *cq.head;
	unsigned tail = __atomic_load_n(cq.tail, __ATOMIC_ACQUIRE);
	struct io_uring_cqe *c;
	struct uslot *s;
	int n = 0;

	for (; head != tail && n < max; head++) {
		c = &cq.cqes[head & cq.mask];
		s = &sq.slots[c->user_data >> 1];
		if (c->user_data & UD_SYNC)
			s->sync = c->res;
		else
			s->xfer = c->res;
		if (--s->parts == 0)
			ready[n++] = s;
	}
	__atomic_store_n(cq.head, head, __ATOMIC_RELEASE);
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
		pthread_mutex_lock(&cq.lock);
	else if (pthread_mutex_trylock(&cq.lock) != 0)
		return 0;
	n = reap_locked(ready, max);
	pthread_mutex_unlock(&cq.lock);
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
		if (uring_enter(0, 1) == -1 && errno != EINTR && errno != EBUSY)
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
	struct io_uring_params p;
	pthread_t pt;
	int i, error;

	memset(&p, 0, sizeof(p));
	if ((sq.fd = (int)syscall(__NR_io_uring_setup, URING_ENTRIES, &p)) == -1)
		return errno;
	if ((error = ring_map_all(&p)) != 0 ||
	    (error = pthread_create(&pt, NULL, reaper, NULL)) != 0) {
		close(sq.fd);		/* unmaps what was mapped */
		sq.fd = -1;
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

/* The next free entry of the ring; call with sq.lock held. */
static struct io_uring_sqe *
sqe_next(unsigned *tail)
{
	struct io_uring_sqe *e = &sq.sqes[*tail & sq.mask];

	(*tail)++;
	memset(e, 0, sizeof(*e));
	return e;
}

/* Put s on the ring: its transfer, and a SYNC write's fdatasync after it. */
static void
slot_submit(struct uslot *s)
{
	unsigned tail = *sq.tail, n;
	uint64_t ud = (uint64_t)(s - sq.slots) << 1;
	struct io_uring_sqe *e = sqe_next(&tail);

	e->opcode = (s->r.op & RUMPUSER_BIO_READ) ? IORING_OP_READ :
	    IORING_OP_WRITE;
	e->fd = s->hostfd;
	e->off = (uint64_t)s->r.off;
	e->addr = (uint64_t)(uintptr_t)s->r.data;
	e->len = (uint32_t)s->r.dlen;
	e->user_data = ud;
	if ((s->r.op & RUMPUSER_BIO_WRITE) && (s->r.op & RUMPUSER_BIO_SYNC)) {
		e->flags = IOSQE_IO_LINK;	/* the sync waits for the write */
		e = sqe_next(&tail);
		e->opcode = IORING_OP_FSYNC;
		e->fd = s->hostfd;
		e->fsync_flags = IORING_FSYNC_DATASYNC;
		e->user_data = ud | UD_SYNC;
		s->parts = 2;
	}
	__atomic_store_n(sq.tail, tail, __ATOMIC_RELEASE);
	/* An old kernel may stop at an entry it refused: submit the rest. */
	while ((n = tail - __atomic_load_n(sq.head, __ATOMIC_ACQUIRE)) > 0) {
		if (uring_enter(n, 0) == -1 && errno != EINTR &&
		    errno != EAGAIN && errno != EBUSY)
			rumpuser__fatal("bio: io_uring_enter: %s",
			    strerror(errno));
	}
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

#else /* !RUMPUSER_BIO_URING */

int
rumpuser__bio_uring_start(void)
{
	return ENOSYS;
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
