/*
 * b_net.c -- packet I/O through taps in a network namespace of the
 * benchmark process's own (made on the first packet benchmark; root or a
 * user namespace). One operation is one frame, args (frame bytes, window):
 * window 1 is the latency of one frame, window 32 the rate.
 *
 *	net/tx: rumpcomp_virt_send onto tap rcbtap0, taken off its wire (a
 *		packet socket); limit: write(2) on tap rcbtap1's own
 *		descriptor, off its wire.
 *	net/rx: wire send on rcbtap0, the target's receiver reads the tap
 *		and calls rump_virtif_virt_deliverpkt (here), which wakes the
 *		benchmark thread through a target condvar; limit: wire send on
 *		rcbtap1, poll+read on its tap descriptor.
 *	net/rxhop: the same target; limit: wire send on rcbtap2, read by a
 *		host thread blocked on its tap, which wakes the benchmark
 *		thread through a host condvar -- the least a receiver that
 *		delivers on a thread of its own can cost (the kernel's rule:
 *		not on the thread that waits).
 *
 * With rcbench --scaling, scale/net/{tx,rx}/window: 1500-byte frames at a
 * window of 1, 2, 4, ... NET_SCALE_WINDOW frames in flight (bench/scaling).
 *
 * Frames are broadcast with a local-experimental ethertype.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <linux/if.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rump/virtif_user.h>

#include "bench_env.h"

#define NET_TAP_TARGET	"rcbtap0"
#define NET_TAP_LIMIT	"rcbtap1"
#define NET_TAP_HOP	"rcbtap2"
#define NET_ETHERTYPE	0x88b6
#define NET_FRAMEMAX	9018
#define NET_WAIT_MS	1000
#define NET_READY_MS	5000
#define NET_SCALE_WINDOW	64	/* the scaling curve's widest window */

typedef int vif_create_fn(const char *, struct virtif_sc *, uint8_t *,
    struct virtif_user **);
typedef void vif_send_fn(struct virtif_user *, struct iovec *, size_t);

/* The namespace, its taps and wires, made once; state < 0: unavailable. */
static struct {
	int state;
	const char *why;
	int wire_target, wire_limit;	/* packet sockets */
	int tap_limit;			/* the limit's tap descriptor */
} net_host;

/* The hand-off limit: a host reader thread on its own tap; state < 0: unavailable. */
static struct {
	int state;
	const char *why;
	int wire, tap;			/* its wire; its tap, blocking */
	pthread_mutex_t mtx;
	pthread_cond_t cv;
	uint64_t delivered;		/* under mtx */
} net_hop = { .mtx = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* The target's interface and what deliverpkt counted. */
static struct {
	int state;
	char why[160];
	vif_send_fn *send;
	struct virtif_user *viu;
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	uint64_t delivered;		/* under mtx */
} net_tgt;

static unsigned char net_frame[NET_FRAMEMAX], net_rxbuf[NET_FRAMEMAX + 64];
static int net_sc_token;

/* A broadcast frame of len bytes with our ethertype. */
static void
net_frame_build(size_t len)
{
	memset(net_frame, 0xff, 6);
	memcpy(net_frame + 6, "\x02\x00\x00\x00\x0b\x01", 6);
	net_frame[12] = NET_ETHERTYPE >> 8;
	net_frame[13] = NET_ETHERTYPE & 0xff;
	memset(net_frame + 14, 0x3c, len - 14);
}

static int
net_is_ours(const void *frame, size_t len)
{
	const unsigned char *f = frame;

	return len >= 14 && f[12] == NET_ETHERTYPE >> 8 &&
	    f[13] == (NET_ETHERTYPE & 0xff);
}

/* The kernel's delivery upcall (the hypervisor holds a CPU and an lwp). */
void
rump_virtif_virt_deliverpkt(struct virtif_sc *sc, struct iovec *iov,
    size_t iovlen)
{
	(void)sc;
	if (iovlen < 1 || !net_is_ours(iov[0].iov_base, iov[0].iov_len))
		return;
	rc_tgt.mutex_enter(net_tgt.mtx);
	net_tgt.delivered++;
	rc_tgt.cv_signal(net_tgt.cv);
	rc_tgt.mutex_exit(net_tgt.mtx);
}

/* Descriptor of an existing tap, or -1. */
static int
net_tap_open(const char *name)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);

	if (fd == -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A wire on tap name that does not hear its own sends. */
static int
net_wire_open(const char *name, const char **why)
{
	int one = 1, h = rch_packet_open(name, NET_ETHERTYPE, why);

	if (h != -1)
		(void)setsockopt(h, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
		    sizeof(one));
	return h;
}

/* One frame off a descriptor: its length, or -1 after NET_WAIT_MS. */
static long
net_fd_recv(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };

	if (poll(&pfd, 1, NET_WAIT_MS) != 1)
		return -1;
	return read(fd, net_rxbuf, sizeof(net_rxbuf));
}

static long
net_wire_recv(int h)
{
	long n = rch_packet_recv(h, net_rxbuf, sizeof(net_rxbuf), NET_WAIT_MS);

	return n > 0 ? n : -1;
}

/*
 * A tap carries frames only a while after its reader attaches: probe
 * through the wire until probe_got says one arrived.
 */
static int
net_wait_ready(int wire, int (*probe_got)(void))
{
	uint64_t end = bench_now_ns() + (uint64_t)NET_READY_MS * 1000000u;

	net_frame_build(60);
	while (bench_now_ns() < end) {
		rch_packet_send(wire, net_frame, 60);
		if (probe_got())
			return 0;
	}
	return -1;
}

static int
net_limit_probe(void)
{
	return net_fd_recv(net_host.tap_limit) > 0;
}

static int
net_host_make(void)
{
	if (rch_netns_private(&net_host.why) == -1 ||
	    rch_tap_create(NET_TAP_TARGET, NET_FRAMEMAX, &net_host.why) == -1 ||
	    rch_tap_create(NET_TAP_LIMIT, NET_FRAMEMAX, &net_host.why) == -1 ||
	    (net_host.wire_target = net_wire_open(NET_TAP_TARGET, &net_host.why)) == -1 ||
	    (net_host.wire_limit = net_wire_open(NET_TAP_LIMIT, &net_host.why)) == -1)
		return -1;
	if ((net_host.tap_limit = net_tap_open(NET_TAP_LIMIT)) == -1) {
		net_host.why = "cannot open the limit's tap";
		return -1;
	}
	if (net_wait_ready(net_host.wire_limit, net_limit_probe) == -1) {
		net_host.why = "the limit's tap carried no frame";
		return -1;
	}
	return 0;
}

/* The namespace and the wires, or skip; 0 when they are there. */
static int
net_host_ready(struct cb_state *st)
{
	if (net_host.state == 0)
		net_host.state = net_host_make() == 0 ? 1 : -1;
	if (net_host.state < 0)
		cb_skip(st, net_host.why);
	return net_host.state > 0 ? 0 : -1;
}

/* The hand-off limit's reader: each frame read wakes the waiting thread. */
static void *
hop_reader(void *arg)
{
	static unsigned char buf[NET_FRAMEMAX + 64];
	ssize_t n;

	(void)arg;
	for (;;) {
		if ((n = read(net_hop.tap, buf, sizeof(buf))) <= 0 ||
		    !net_is_ours(buf, (size_t)n))
			continue;
		pthread_mutex_lock(&net_hop.mtx);
		net_hop.delivered++;
		pthread_cond_signal(&net_hop.cv);
		pthread_mutex_unlock(&net_hop.mtx);
	}
	return NULL;
}

static int
hop_probe(void)
{
	struct timespec ts;
	int got;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&net_hop.mtx);
	if (net_hop.delivered == 0)
		pthread_cond_timedwait(&net_hop.cv, &net_hop.mtx, &ts);
	got = net_hop.delivered > 0;
	pthread_mutex_unlock(&net_hop.mtx);
	return got;
}

static int
hop_make(void)
{
	pthread_t t;

	if (rch_tap_create(NET_TAP_HOP, NET_FRAMEMAX, &net_hop.why) == -1 ||
	    (net_hop.wire = net_wire_open(NET_TAP_HOP, &net_hop.why)) == -1)
		return -1;
	if ((net_hop.tap = net_tap_open(NET_TAP_HOP)) == -1 ||
	    pthread_create(&t, NULL, hop_reader, NULL) != 0) {
		net_hop.why = "cannot open the hand-off limit's tap or start its reader";
		return -1;
	}
	if (net_wait_ready(net_hop.wire, hop_probe) == -1) {
		net_hop.why = "the hand-off limit's tap carried no frame";
		return -1;
	}
	return 0;
}

/* The hand-off limit's tap and reader (made once, kept), or skip. */
static int
hop_ready(struct cb_state *st)
{
	if (net_host_ready(st) == -1)
		return -1;
	if (net_hop.state == 0)
		net_hop.state = hop_make() == 0 ? 1 : -1;
	if (net_hop.state < 0)
		cb_skip(st, net_hop.why);
	return net_hop.state > 0 ? 0 : -1;
}

static int
net_target_probe(void)
{
	int got;

	rc_tgt.mutex_enter(net_tgt.mtx);
	got = net_tgt.delivered > 0;
	rc_tgt.mutex_exit(net_tgt.mtx);
	if (!got)	/* through the target, so a cooperative one runs its receiver */
		rc_tgt.clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 1000000);
	return got;
}

static const char *
net_target_make(void)
{
	uint8_t enaddr[6] = { 0xb2, 0x0a, 0x11, 0x0b, 0x0e, 0x01 };
	vif_create_fn *create;
	const char *why;

	if ((create = (vif_create_fn *)rch_target_sym("rumpcomp_virt_create",
	    &why)) == NULL ||
	    (net_tgt.send = (vif_send_fn *)rch_target_sym("rumpcomp_virt_send",
	    &why)) == NULL)
		return why;
	rc_tgt.mutex_init(&net_tgt.mtx, RUMPUSER_MTX_KMUTEX);
	rc_tgt.cv_init(&net_tgt.cv);
	if (create(NET_TAP_TARGET, (struct virtif_sc *)&net_sc_token, enaddr,
	    &net_tgt.viu) != 0)
		return "rumpcomp_virt_create failed";
	if (net_wait_ready(net_host.wire_target, net_target_probe) == -1)
		return "the target's interface delivered no frame";
	return NULL;
}

/*
 * The target's interface, made once and kept (the process ends with it);
 * 0 when it is there. The calling thread is in the kernel.
 */
static int
net_target_ready(struct cb_state *st)
{
	const char *why;

	if (net_tgt.state == 0) {
		why = net_target_make();
		net_tgt.state = why == NULL ? 1 : -1;
		if (why != NULL)
			snprintf(net_tgt.why, sizeof(net_tgt.why), "%s", why);
	}
	if (net_tgt.state < 0)
		cb_skip(st, net_tgt.why);
	return net_tgt.state > 0 ? 0 : -1;
}

/* Wait for delivery number `count'; -1 after NET_WAIT_MS without one. */
static long
net_target_delivered(uint64_t count)
{
	int late = 0;

	rc_tgt.mutex_enter(net_tgt.mtx);
	while (net_tgt.delivered < count && !late)
		late = rc_tgt.cv_timedwait(net_tgt.cv, net_tgt.mtx, 1, 0) != 0;
	late = net_tgt.delivered < count;
	rc_tgt.mutex_exit(net_tgt.mtx);
	return late ? -1 : 1;
}

/* One direction of one side: how a frame goes out and is taken in. */
struct net_path {
	void (*send)(size_t len);
	long (*recv)(uint64_t nth);
};

static void
tx_target_send(size_t len)
{
	struct iovec iov = { net_frame, len };

	net_tgt.send(net_tgt.viu, &iov, 1);
}

static void
tx_limit_send(size_t len)
{
	(void)!write(net_host.tap_limit, net_frame, len);
}

static long
tx_target_recv(uint64_t nth)
{
	(void)nth;
	return net_wire_recv(net_host.wire_target);
}

static long
tx_limit_recv(uint64_t nth)
{
	(void)nth;
	return net_wire_recv(net_host.wire_limit);
}

static void
rx_target_send(size_t len)
{
	rch_packet_send(net_host.wire_target, net_frame, len);
}

static void
rx_limit_send(size_t len)
{
	rch_packet_send(net_host.wire_limit, net_frame, len);
}

static long
rx_target_recv(uint64_t nth)
{
	return net_target_delivered(nth + 1);
}

static long
rx_limit_recv(uint64_t nth)
{
	(void)nth;
	return net_fd_recv(net_host.tap_limit);
}

static void
hop_limit_send(size_t len)
{
	rch_packet_send(net_hop.wire, net_frame, len);
}

/* Wait for the reader's delivery number nth + 1; -1 after NET_WAIT_MS. */
static long
hop_limit_recv(uint64_t nth)
{
	struct timespec ts;
	int late = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += NET_WAIT_MS / 1000;
	pthread_mutex_lock(&net_hop.mtx);
	while (net_hop.delivered < nth + 1 && !late)
		late = pthread_cond_timedwait(&net_hop.cv, &net_hop.mtx, &ts) != 0;
	late = net_hop.delivered < nth + 1;
	pthread_mutex_unlock(&net_hop.mtx);
	return late ? -1 : 1;
}

static const struct net_path net_tx_target = { tx_target_send, tx_target_recv };
static const struct net_path net_tx_limit = { tx_limit_send, tx_limit_recv };
static const struct net_path net_rx_target = { rx_target_send, rx_target_recv };
static const struct net_path net_rx_limit = { rx_limit_send, rx_limit_recv };
static const struct net_path net_hop_limit = { hop_limit_send, hop_limit_recv };

static void *
net_target_setup(struct cb_state *st, void *arg)
{
	(void)arg;
	if (BENCH_NEED(st, mutex_init) || BENCH_NEED(st, cv_init) ||
	    BENCH_NEED(st, cv_timedwait) || BENCH_NEED(st, cv_signal) ||
	    BENCH_NEED(st, clock_sleep) ||
	    bench_enter(st) == -1 || net_host_ready(st) == -1)
		return NULL;
	net_target_ready(st);
	return NULL;
}

static void *
net_limit_setup(struct cb_state *st, void *arg)
{
	if (arg == &net_hop_limit)
		hop_ready(st);
	else
		net_host_ready(st);
	return NULL;
}

/* n frames through path p, at most `window' out at once. */
static void
bm_net(struct cb_state *st, uint64_t n, void *arg)
{
	const struct net_path *p = arg;
	size_t len = (size_t)cb_arg_at(st, 0);
	uint64_t window = (uint64_t)cb_arg_at(st, 1), sent = 0, got = 0;

	net_frame_build(len);
	if (p == &net_rx_target) {
		rc_tgt.mutex_enter(net_tgt.mtx);
		net_tgt.delivered = 0;
		rc_tgt.mutex_exit(net_tgt.mtx);
	} else if (p == &net_hop_limit) {
		pthread_mutex_lock(&net_hop.mtx);
		net_hop.delivered = 0;
		pthread_mutex_unlock(&net_hop.mtx);
	}
	while (got < n) {
		if (sent < n && sent - got < window) {
			p->send(len);
			sent++;
		} else if (p->recv(got++) < 0) {
			cb_skip(st, "a frame was lost (none within 1 s)");
			return;
		}
	}
	cb_items(st, n);
	cb_bytes(st, n * len);
}

void
bench_register_net(void)
{
	static const int64_t args[][2] = {
		{ 60, 1 }, { 60, 32 }, { 1500, 1 }, { 1500, 32 },
		{ 9000, 1 }, { 9000, 32 },
	};
	struct bench_pair p = {
		.target = bm_net, .limit = bm_net,
		.target_setup = net_target_setup, .limit_setup = net_limit_setup,
		.target_teardown = bench_leave_teardown, .nargs = 2,
	};
	size_t i;

	for (i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		p.args = args[i];
		p.name = "net/tx";
		p.arg = (void *)&net_tx_target;
		p.limit_arg = (void *)&net_tx_limit;
		bench_pair(&p);
		p.name = "net/rx";
		p.arg = (void *)&net_rx_target;
		p.limit_arg = (void *)&net_rx_limit;
		bench_pair(&p);
		p.name = "net/rxhop";
		p.limit_arg = (void *)&net_hop_limit;
		bench_pair(&p);
	}
}

void
bench_register_net_scale(void)
{
	static int64_t args[NET_SCALE_WINDOW][2];
	struct bench_pair p = {
		.target = bm_net, .limit = bm_net,
		.target_setup = net_target_setup, .limit_setup = net_limit_setup,
		.target_teardown = bench_leave_teardown, .nargs = 2,
	};
	int i, window;

	for (i = 0, window = 1; window <= NET_SCALE_WINDOW; i++, window *= 2) {
		args[i][0] = 1500;
		args[i][1] = window;
		p.args = args[i];
		p.name = "scale/net/tx/window";
		p.arg = (void *)&net_tx_target;
		p.limit_arg = (void *)&net_tx_limit;
		bench_pair(&p);
		p.name = "scale/net/rx/window";
		p.arg = (void *)&net_rx_target;
		p.limit_arg = (void *)&net_rx_limit;
		bench_pair(&p);
	}
}
