/*
 * packetio.c -- the packet components' receive threads and waits on host
 * threads. A receive thread per interface, a component kernel thread with
 * an lwp of its own, reads its tap and delivers each frame holding a CPU.
 *
 * Where the host lets it (RUMPUSER_VIF=uring, the default), the receiver
 * reads through an io_uring of the interface's own: one multishot read
 * on the tap fills RX_BUFS buffers handed to the kernel ahead (a provided
 * buffer ring), and the receiver sleeps in io_uring_enter, takes each
 * completed frame, delivers it from its buffer and gives the buffer back
 * -- one system call per wakeup, not a poll then a read per frame, and
 * frames that arrive while it delivers are read meanwhile. Delivery stays
 * on the receiver: a kernel thread that waits on a cv may hold kmutexes,
 * so no frame is delivered on any other thread. Elsewhere (RUMPUSER_VIF=
 * threads, io_uring refused, under valgrind) the receiver polls the tap
 * and reads it. RUMPUSER_DEBUG set prints the path each interface takes.
 */
#include "rumpuser_int.h"
#include "packetio.h"
#include "hostring.h"

#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VIF_FRAMEMAX	9018	/* a jumbo frame with its FCS */

#if HOSTRING_AVAILABLE
#define RX_BUFS		16	/* frames read ahead of delivery (a power of 2) */
/* The read, the stop's poll, a cancel; the completion queue, twice as
 * long, holds a frame per buffer besides. */
#define RX_ENTRIES	RX_BUFS
#define RX_BGID		0	/* the buffer group (the ring's only one) */
#define UD_READ		1
#define UD_WAKE		2
#define UD_CANCEL	3
/*
 * Completions are taken only by the receiver, in io_uring_enter: the
 * kernel runs the read there too, rather than interrupting the receiver
 * to run it (6.2 us from a wire send to the delivery at window 1, as a
 * poll and a read; 6.8 us without, measured on this machine).
 */
#define RX_SETUP_FLAGS	(IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN)
/* IORING_OP_READ_MULTISHOT (Linux 6.7): Debian 12's headers predate it. */
#define RX_OP_READ_MULTISHOT	49

struct vif_ring {
	struct hostring	ring;
	struct io_uring_buf_ring *br;	/* the buffers the kernel may fill */
	unsigned char	*bufs;		/* RX_BUFS frames */
	uint16_t	brtail;		/* our copy of br->tail */
	int		reading;	/* the multishot read is on the ring */
	int		stopped;	/* the stop pipe became readable */
};
#else
struct vif_ring {
	int	unused;
};
#endif

struct rumpuser__vif_rx {
	struct virtif_sc *sc;
	int		tapfd;
	int		wake[2];	/* pipe: stop wakes the receiver */
	pthread_t	thread;
	pthread_mutex_t	deliver;	/* held across a delivery */
	int		dying;		/* under deliver */
	struct vif_ring	*ring;		/* NULL: the receiver polls the tap */
	struct vif_ring	ringmem;	/* what ring points to, if anywhere */
};

/* Deliver one frame unless the interface is dying; 0 once it is. */
static int
rx_deliver(struct rumpuser__vif_rx *rx, void *frame, size_t len)
{
	struct iovec iov = { frame, len };
	int alive;

	pthread_mutex_lock(&rx->deliver);
	if ((alive = !rx->dying)) {
		rumpuser_component_schedule(NULL);
		rump_virtif_virt_deliverpkt(rx->sc, &iov, 1);
		rumpuser_component_unschedule();
	}
	pthread_mutex_unlock(&rx->deliver);
	return alive;
}

/* The receiver without a ring: poll the tap and the stop pipe, read. */
static void
rx_poll_loop(struct rumpuser__vif_rx *rx)
{
	struct pollfd pfd[2];
	unsigned char *frame;
	ssize_t n;

	if ((frame = malloc(VIF_FRAMEMAX)) == NULL)
		rumpuser__fatal("virtif: no memory for the receive buffer");
	pfd[0].fd = rx->tapfd;
	pfd[1].fd = rx->wake[0];
	pfd[0].events = pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) == -1 && errno != EINTR)
			break;
		if (pfd[1].revents != 0)
			break;
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			pfd[0].fd = -1;	/* the tap is gone: wait for dying */
		if (!(pfd[0].revents & POLLIN))
			continue;
		if ((n = read(rx->tapfd, frame, VIF_FRAMEMAX)) <= 0)
			continue;
		if (!rx_deliver(rx, frame, (size_t)n))
			break;
	}
	free(frame);
}

/* Print the receive path an interface took if RUMPUSER_DEBUG is set. */
static void
rx_notice(const char *path, int error)
{
	if (getenv("RUMPUSER_DEBUG") == NULL)
		return;
	fprintf(stderr, "rumpuser: virtif: %s%s%s\n", path,
	    error != 0 ? ": io_uring refused: " : "",
	    error != 0 ? strerror(error) : "");
}

#if HOSTRING_AVAILABLE
static unsigned char *
ring_buf(struct vif_ring *r, unsigned bid)
{
	return r->bufs + (size_t)bid * VIF_FRAMEMAX;
}

/* Hand buffer bid to the kernel to read a frame into. */
static void
ring_give(struct vif_ring *r, unsigned bid)
{
	struct io_uring_buf *b = &r->br->bufs[r->brtail & (RX_BUFS - 1)];

	b->addr = (uint64_t)(uintptr_t)ring_buf(r, bid);
	b->len = VIF_FRAMEMAX;
	b->bid = (uint16_t)bid;
	__atomic_store_n(&r->br->tail, ++r->brtail, __ATOMIC_RELEASE);
}

/* Close a ring that ring_make had a go at (its setup may have failed). */
static void
ring_close(struct vif_ring *r)
{
	if (r->ring.fd != -1)
		hostring_teardown(&r->ring);
	free(r->br);
	free(r->bufs);
}

/* Whether the environment lets the receiver use a ring; ENOTSUP if not. */
static int
ring_wanted(void)
{
	const char *force = getenv("RUMPUSER_VIF");
	const char *preload = getenv("LD_PRELOAD");

	/* Valgrind runs one thread at a time and does not know that
	 * io_uring_enter blocks: the receiver's wait stopped the rest. */
	if (preload != NULL && strstr(preload, "vgpreload") != NULL)
		return ENOTSUP;
	return force == NULL || strcmp(force, "uring") == 0 ? 0 : ENOTSUP;
}

/* The buffers and the ring that fills them; 0, or why not. */
static int
ring_make(struct vif_ring *r)
{
	unsigned i;
	int error;

	if ((error = hostring_setup_flags(&r->ring, RX_ENTRIES,
	    RX_SETUP_FLAGS)) != 0)
		return error;
	if (!hostring_op_supported(&r->ring, RX_OP_READ_MULTISHOT))
		return ENOSYS;	/* Linux before 6.7 */
	/* The kernel wants a page-aligned ring (RX_BUFS * 16 bytes). */
	if ((error = posix_memalign((void **)&r->br,
	    (size_t)sysconf(_SC_PAGESIZE), (size_t)sysconf(_SC_PAGESIZE))) != 0)
		return error;
	if ((r->bufs = malloc((size_t)RX_BUFS * VIF_FRAMEMAX)) == NULL)
		return ENOMEM;
	if ((error = hostring_register_bufring(&r->ring, r->br, RX_BUFS,
	    RX_BGID)) != 0)
		return error;
	for (i = 0; i < RX_BUFS; i++)
		ring_give(r, i);
	return 0;
}

/*
 * Make r, zeroed, the receiver's ring as the environment and the host
 * allow: 0, or why not (ENOTSUP: not wanted), r left closed.
 */
static int
ring_open(struct vif_ring *r)
{
	int error;

	if ((error = ring_wanted()) != 0)
		return error;
	if ((error = ring_make(r)) != 0)
		ring_close(r);
	return error;
}

/* Put the multishot read of the tap on the ring (submitted with the wait). */
static void
ring_read(struct vif_ring *r, int tapfd)
{
	struct io_uring_sqe *e = hostring_sqe(&r->ring);

	e->opcode = RX_OP_READ_MULTISHOT;
	e->fd = tapfd;
	e->off = (uint64_t)-1;
	e->flags = IOSQE_BUFFER_SELECT;
	e->buf_group = RX_BGID;
	e->user_data = UD_READ;
	r->reading = 1;
}

static void
ring_poll_stop(struct vif_ring *r, int fd)
{
	struct io_uring_sqe *e = hostring_sqe(&r->ring);

	e->opcode = IORING_OP_POLL_ADD;
	e->fd = fd;
	e->poll32_events = POLLIN;
	e->user_data = UD_WAKE;
}

/* Submit what is filled and sleep until something completes. */
static void
ring_wait(struct vif_ring *r)
{
	if (hostring_submit(&r->ring, 1) == -1)
		rumpuser__fatal("virtif: io_uring_enter: %s", strerror(errno));
}

/*
 * One completion of the read: deliver its frame while alive, and give
 * the buffer back. Once the read has ended, put it back on the ring while
 * alive, unless it failed other than for want of a buffer (a deleted tap:
 * then only the stop comes). Returns whether the interface is alive.
 */
static int
ring_frame(struct rumpuser__vif_rx *rx, const struct io_uring_cqe *c,
    int alive)
{
	struct vif_ring *r = rx->ring;
	unsigned bid = c->flags >> IORING_CQE_BUFFER_SHIFT;

	if (c->res > 0) {
		if (alive)
			alive = rx_deliver(rx, ring_buf(r, bid), (size_t)c->res);
		ring_give(r, bid);
	}
	if (c->flags & IORING_CQE_F_MORE)
		return alive;
	r->reading = 0;
	if (alive && (c->res >= 0 || c->res == -ENOBUFS))
		ring_read(r, rx->tapfd);
	return alive;
}

/* Take what completed, delivering while alive; whether to go on. */
static int
ring_take(struct rumpuser__vif_rx *rx, int alive)
{
	struct io_uring_cqe c[RX_BUFS + RX_ENTRIES];
	struct vif_ring *r = rx->ring;
	unsigned i, n;

	n = hostring_reap(&r->ring, c, RX_BUFS + RX_ENTRIES);
	for (i = 0; i < n; i++) {
		if (c[i].user_data == UD_WAKE)
			r->stopped = 1;
		else if (c[i].user_data == UD_READ)
			alive = ring_frame(rx, &c[i], alive);
	}
	return alive && !r->stopped;
}

/*
 * Take the read off the ring and wait until it is: its buffers are ours.
 * Cancel it again after each wakeup while it is there.
 */
static void
ring_drain(struct rumpuser__vif_rx *rx)
{
	struct vif_ring *r = rx->ring;
	struct io_uring_sqe *e;

	while (r->reading) {
		e = hostring_sqe(&r->ring);
		e->opcode = IORING_OP_ASYNC_CANCEL;
		e->addr = UD_READ;
		e->user_data = UD_CANCEL;
		ring_wait(r);
		(void)ring_take(rx, 0);
	}
}

/* The receiver on its ring: sleep in io_uring_enter, deliver each frame. */
static void
rx_ring_loop(struct rumpuser__vif_rx *rx)
{
	struct vif_ring *r = rx->ring;

	ring_poll_stop(r, rx->wake[0]);
	ring_read(r, rx->tapfd);
	do
		ring_wait(r);
	while (ring_take(rx, 1));
	ring_drain(rx);
}
#else /* !HOSTRING_AVAILABLE */
static int
ring_open(struct vif_ring *r)
{
	(void)r;
	return ENOSYS;
}

static void
ring_close(struct vif_ring *r)
{
	(void)r;
}

static void
rx_ring_loop(struct rumpuser__vif_rx *rx)
{
	(void)rx;
}
#endif

/*
 * Give rx a ring if the environment and the host allow it, and say so;
 * any ring the host refuses leaves the receiver polling the tap. Called
 * by the receiver: the ring takes submissions from its maker only.
 */
static void
rx_choose_path(struct rumpuser__vif_rx *rx)
{
	int error = ring_open(&rx->ringmem);

	rx->ring = error == 0 ? &rx->ringmem : NULL;
	rx_notice(rx->ring != NULL ? "io_uring" : "host threads",
	    error == ENOTSUP ? 0 : error);
}

static void *
rx_main(void *arg)
{
	struct rumpuser__vif_rx *rx = arg;

	rumpuser_component_kthread();
	rx_choose_path(rx);
	if (rx->ring != NULL)
		rx_ring_loop(rx);
	else
		rx_poll_loop(rx);
	rumpuser_component_kthread_release();
	return NULL;
}

static void
rx_free(struct rumpuser__vif_rx *rx)
{

	if (rx->ring != NULL)
		ring_close(rx->ring);
	if (rx->wake[0] != -1) {
		close(rx->wake[0]);
		close(rx->wake[1]);
	}
	pthread_mutex_destroy(&rx->deliver);
	free(rx);
}

struct rumpuser__vif_rx *
rumpuser__vif_rx_start(int tapfd, struct virtif_sc *sc, int *errorp)
{
	struct rumpuser__vif_rx *rx;

	if ((rx = calloc(1, sizeof(*rx))) == NULL) {
		*errorp = ENOMEM;
		return NULL;
	}
	rx->sc = sc;
	rx->tapfd = tapfd;
	rx->wake[0] = rx->wake[1] = -1;
	pthread_mutex_init(&rx->deliver, NULL);
	if (pipe2(rx->wake, O_CLOEXEC) == -1) {
		*errorp = errno;
		rx_free(rx);
		return NULL;
	}
	if ((*errorp = pthread_create(&rx->thread, NULL, rx_main, rx)) != 0) {
		rx_free(rx);
		return NULL;
	}
	return rx;
}

void
rumpuser__vif_rx_stop(struct rumpuser__vif_rx *rx)
{

	pthread_mutex_lock(&rx->deliver);
	rx->dying = 1;
	pthread_mutex_unlock(&rx->deliver);
	(void)!write(rx->wake[1], "x", 1);
}

void
rumpuser__vif_rx_join(struct rumpuser__vif_rx *rx)
{

	rumpuser__vif_rx_stop(rx);
	pthread_join(rx->thread, NULL);
	rx_free(rx);
}

int
rumpuser__wait_readable(int fd, int ms)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int rv;

	while ((rv = poll(&pfd, 1, ms)) == -1 && errno == EINTR)
		continue;
	return rv == -1 ? -1 : pfd.revents;
}
