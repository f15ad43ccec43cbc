/*
 * virtif.c -- the virtif packet hypercalls on a tap device in a network
 * namespace of the test's own. The test is both the rump kernel (it
 * provides rump_virtif_virt_deliverpkt) and the wire (a packet socket on
 * the same tap), so nothing reaches the host's network.
 */
#include "mockkern.h"

#include <rump/virtif_user.h>

#define TAP		"rctap0"
#define ETHERTYPE	0x88b5		/* local experimental */
#define HDRLEN		22		/* Ethernet header, seq, length */
#define FRAMEMAX	9018
#define WAIT_MS		5000
#define SLOW_BURST	200	/* virtif_slow_delivery: under a tap's queue of 500 */
#define SLOW_LEN	1514
#define SLOW_HOLD_MS	200
#define SLOW_TAIL	16	/* sent one at a time after the held delivery */

typedef int vif_create_fn(const char *, struct virtif_sc *, uint8_t *,
    struct virtif_user **);
typedef int vif_dying_fn(struct virtif_user *);
typedef void vif_destroy_fn(struct virtif_user *);
typedef void vif_send_fn(struct virtif_user *, struct iovec *, size_t);

static struct {
	vif_create_fn	*create;
	vif_dying_fn	*dying;
	vif_destroy_fn	*destroy;
	vif_send_fn	*send;
} vif;

/* What the kernel side (deliverpkt) saw. */
static struct {
	int	count;		/* test frames delivered */
	int	next;		/* sequence number expected next */
	int	misordered;
	int	corrupt;
	int	bad_context;
	int	wrong_sc;
	int	dead;		/* set once dying has returned */
	int	after_dying;
	int	hold;		/* hold the delivery of frame 0 ... */
	int	held;		/* (it is being held) */
	int	release;	/* ... until this is set */
	int	changed;	/* frames that changed while held */
} rx;

static int sc_token;	/* the "softc" handed to create */
#define TEST_SC ((struct virtif_sc *)&sc_token)

static const unsigned sizes[] = { 60, 61, 64, 128, 511, 1514, 1518, 4000, 9000, FRAMEMAX };

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t
get32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned char
payload(uint32_t seq, size_t i)
{
	return (unsigned char)(seq * 31u + i * 7u + (i >> 8));
}

/* Broadcast frame of len bytes carrying seq. */
static void
frame_build(unsigned char *f, size_t len, uint32_t seq)
{
	size_t i;

	rc_memset(f, 0xff, 6);
	f[6] = 0x02; f[7] = f[8] = f[9] = f[10] = 0; f[11] = 1;
	f[12] = ETHERTYPE >> 8;
	f[13] = ETHERTYPE & 0xff;
	put32(f + 14, seq);
	put32(f + 18, (uint32_t)len);
	for (i = HDRLEN; i < len; i++)
		f[i] = payload(seq, i);
}

/* 1 test frame intact, 0 not a test frame, -1 a damaged test frame. */
static int
frame_ok(const unsigned char *f, size_t len, uint32_t *seq)
{
	size_t i;

	if (len < HDRLEN || f[12] != ETHERTYPE >> 8 || f[13] != (ETHERTYPE & 0xff))
		return 0;
	*seq = get32(f + 14);
	if (get32(f + 18) != len)
		return -1;
	for (i = HDRLEN; i < len; i++)
		if (f[i] != payload(*seq, i))
			return -1;
	return 1;
}

/*
 * A kernel slow to take a frame (a long input path): keep it until the
 * test lets go, then look at it again as the kernel's copy would.
 */
static void
hold_delivery(const struct rumpuser_iovec *v, uint32_t seq)
{
	uint32_t again;

	rc_store(&rx.held, 1);
	(void)rc_wait_flag(&rx.release, WAIT_MS);
	if (frame_ok(v->iov_base, v->iov_len, &again) != 1 || again != seq)
		rc_inc(&rx.changed);
}

/* The kernel's delivery upcall: the hypervisor holds a CPU and an lwp. */
void
rump_virtif_virt_deliverpkt(struct virtif_sc *sc, struct iovec *iov, size_t iovlen)
{
	const struct rumpuser_iovec *v = (const struct rumpuser_iovec *)(void *)iov;
	uint32_t seq;
	int ok;

	if (!mk_has_cpu() || mk_curlwp() == NULL)
		rc_inc(&rx.bad_context);
	if (sc != TEST_SC)
		rc_inc(&rx.wrong_sc);
	if (rc_load(&rx.dead))
		rc_inc(&rx.after_dying);
	if (iovlen != 1) {
		rc_inc(&rx.corrupt);
		return;
	}
	if ((ok = frame_ok(v->iov_base, v->iov_len, &seq)) == 0)
		return;
	if (ok > 0 && seq == 0 && v->iov_len == SLOW_LEN && rc_load(&rx.hold))
		hold_delivery(v, seq);
	if (ok < 0)
		rc_inc(&rx.corrupt);
	if ((int)seq != rc_load(&rx.next))
		rc_inc(&rx.misordered);
	rc_store(&rx.next, (int)seq + 1);
	rc_inc(&rx.count);
}

struct net {
	struct virtif_user *viu;
	int	pk;		/* packet socket on the tap: the wire */
	int	fds, threads;	/* before create */
	int	lwps;		/* the kernel's live lwps before create */
};

static int
bind_calls(void)
{
	const char *why;

	if ((vif.create = (vif_create_fn *)rch_target_sym("rumpcomp_virt_create", &why)) == NULL ||
	    (vif.dying = (vif_dying_fn *)rch_target_sym("rumpcomp_virt_dying", &why)) == NULL ||
	    (vif.destroy = (vif_destroy_fn *)rch_target_sym("rumpcomp_virt_destroy", &why)) == NULL ||
	    (vif.send = (vif_send_fn *)rch_target_sym("rumpcomp_virt_send", &why)) == NULL) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

/* A private network with tap ifname (and a wire socket on it). */
static int
wire_setup(struct net *n, const char *ifname)
{
	const char *why;

	rc_memset(&rx, 0, sizeof(rx));
	rc_memset(n, 0, sizeof(*n));
	if (bind_calls() == -1)
		return -1;
	if (rch_netns_private(&why) == -1 || rch_tap_create(ifname, FRAMEMAX, &why) == -1 ||
	    (n->pk = rch_packet_open(ifname, ETHERTYPE, &why)) == -1) {
		rc_skip(why);
		return -1;
	}
	n->fds = rch_count_fds();
	n->threads = rch_count_threads();
	n->lwps = mk_lwps_live();
	return 0;
}

/*
 * The host starts transmitting on a tap only some time after its carrier
 * comes up (when the reader attaches): probe until a frame gets through,
 * then start the count afresh.
 */
static int
wire_probe(struct net *n)
{
	uint64_t end = rch_mono_ns() + (uint64_t)WAIT_MS * 1000000u;
	unsigned char f[60];

	frame_build(f, sizeof(f), 0);
	while (rc_load(&rx.count) == 0 && rch_mono_ns() < end) {
		rch_packet_send(n->pk, f, sizeof(f));
		rc_sleep_ms(10);
	}
	rc_sleep_ms(50);
	return rc_load(&rx.count) > 0;
}

static void
rx_reset(void)
{
	rc_store(&rx.count, 0);
	rc_store(&rx.next, 0);
	rc_store(&rx.misordered, 0);
}

static int
wire_ready(struct net *n)
{
	if (!RC_EXPECT("VIF-003", wire_probe(n),
	    "no frame from the wire was delivered within %d ms", WAIT_MS))
		return -1;
	rx_reset();
	return 0;
}

static int
vif_up(struct net *n, const char *devstr)
{
	uint8_t enaddr[6] = { 0xb2, 0x0a, 0x11, 0x0b, 0x0e, 0x00 };
	int error = vif.create(devstr, TEST_SC, enaddr, &n->viu);

	RC_EXPECT("VIF-001", mk_has_cpu(), "rumpcomp_virt_create returned without the CPU");
	if (!RC_EXPECT("VIF-001", error == 0, "rumpcomp_virt_create(%s) = %d", devstr, error))
		return -1;
	return wire_ready(n);
}

/* Where the host cannot count them, leaks go unchecked: say so. */
static int
counts_known(const struct net *n)
{
	if (n->fds != -1 && n->threads != -1)
		return 1;
	rc_note("virtif: no descriptor or thread counts here: leaks not checked\n");
	return 0;
}

/* Retire the interface as the kernel does; nothing may be left behind. */
static void
vif_down(struct net *n)
{
	int error = vif.dying(n->viu), fds, threads;
	uint64_t end;

	rc_store(&rx.dead, 1);
	RC_EXPECT("VIF-006", error == 0, "rumpcomp_virt_dying = %d", error);
	vif.destroy(n->viu);
	RC_EXPECT("VIF-007", mk_has_cpu(), "rumpcomp_virt_destroy returned without the CPU");
	RC_EXPECT("VIF-640", mk_lwps_live() == n->lwps, "after destroy the kernel has %d live "
	    "lwps, %d before create: the receive thread's lwp was never released",
	    mk_lwps_live(), n->lwps);
	if (!counts_known(n)) {
		rch_packet_close(n->pk);
		return;
	}
	/* A joined thread can take a moment to leave /proc. */
	end = rch_mono_ns() + 1000000000u;
	while ((threads = rch_count_threads()) > n->threads && rch_mono_ns() < end)
		rc_sleep_ms(5);
	fds = rch_count_fds();
	RC_EXPECT("VIF-010", fds == n->fds && threads == n->threads,
	    "after destroy: %d descriptors (%d before create), %d threads (%d before)",
	    fds, n->fds, threads, n->threads);
	rch_packet_close(n->pk);
}

static void
check_rx(void)
{
	RC_EXPECT("VIF-004", rc_load(&rx.bad_context) == 0,
	    "%d deliveries without a CPU or an lwp", rc_load(&rx.bad_context));
	RC_EXPECT("VIF-003", rc_load(&rx.corrupt) == 0 && rc_load(&rx.wrong_sc) == 0,
	    "%d frames delivered damaged, %d with the wrong softc", rc_load(&rx.corrupt),
	    rc_load(&rx.wrong_sc));
}

/* Wait until count frames have been delivered. */
static int
wait_rx(int count)
{
	uint64_t end = rch_mono_ns() + (uint64_t)WAIT_MS * 1000000u;

	while (rc_load(&rx.count) < count && rch_mono_ns() < end)
		rc_sleep_ms(1);
	return rc_load(&rx.count) >= count;
}

/* Send frame seq of len from the kernel side, in three pieces. */
static void
kernel_send(struct net *n, unsigned char *f, size_t len, uint32_t seq)
{
	struct rumpuser_iovec iov[3];
	size_t a = len / 3, b = len / 2;

	frame_build(f, len, seq);
	iov[0].iov_base = f;
	iov[0].iov_len = a;
	iov[1].iov_base = f + a;
	iov[1].iov_len = b - a;
	iov[2].iov_base = f + b;
	iov[2].iov_len = len - b;
	vif.send(n->viu, (struct iovec *)(void *)iov, 3);
}

static unsigned char txf[FRAMEMAX], rxf[FRAMEMAX + 64];

RC_CASE(virtif_tx_sizes, "VIF-001 VIF-002 VIF-007 VIF-640",
    "frames of 60..9018 bytes sent in three iovecs arrive intact on the tap's wire")
{
	struct net n;
	uint32_t seq;
	size_t i;
	long len;

	if (wire_setup(&n, TAP) == -1 || vif_up(&n, TAP) == -1)
		return;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]) && !rc_failed(); i++) {
		kernel_send(&n, txf, sizes[i], (uint32_t)i);
		len = rch_packet_recv(n.pk, rxf, sizeof(rxf), WAIT_MS);
		RC_EXPECT("VIF-002", len == (long)sizes[i] && frame_ok(rxf, (size_t)len, &seq) == 1 &&
		    seq == i, "frame of %u bytes: %ld bytes arrived%s", sizes[i], len,
		    len > 0 ? ", damaged or another" : "");
	}
	vif_down(&n);
}

RC_CASE(virtif_rx_sizes, "VIF-003 VIF-004 VIF-007 VIF-640",
    "frames of 60..9018 bytes from the wire are delivered intact, once, holding a CPU and an lwp")
{
	struct net n;
	size_t i;

	if (wire_setup(&n, TAP) == -1 || vif_up(&n, TAP) == -1)
		return;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]) && !rc_failed(); i++) {
		frame_build(txf, sizes[i], (uint32_t)i);
		RC_EXPECT("VIF-003", rch_packet_send(n.pk, txf, sizes[i]) == 0,
		    "the wire refused a %u-byte frame", sizes[i]);
		RC_EXPECT("VIF-003", wait_rx((int)i + 1), "the %u-byte frame was not delivered "
		    "within %d ms", sizes[i], WAIT_MS);
	}
	rc_sleep_ms(50);
	RC_EXPECT("VIF-003", rc_load(&rx.count) == (int)i, "%d deliveries for %zu frames",
	    rc_load(&rx.count), i);
	check_rx();
	vif_down(&n);
}

/* Send count frames from the wire, at most window ahead of delivery. */
static int
wire_burst(struct net *n, int count, int window, size_t len)
{
	uint64_t stall;
	int seq;

	for (seq = 0; seq < count; seq++) {
		stall = rch_mono_ns() + 1000000000u;
		/* A hypervisor sleep: a cooperative receiver runs only then. */
		while (seq - rc_load(&rx.count) >= window && rch_mono_ns() < stall)
			rc_sleep_ms(0);
		if (rch_mono_ns() >= stall)
			break;
		frame_build(txf, len, (uint32_t)seq);
		if (rch_packet_send(n->pk, txf, len) == -1)
			break;
	}
	return seq;
}

RC_CASE(virtif_order, "VIF-005 VIF-003 VIF-640",
    "bursts keep their order both ways: 2000 frames in, 2000 frames out")
{
	struct net n;
	uint32_t seq, last = 0;
	int i, sent, got = 0, misordered = 0;
	long len;

	if (wire_setup(&n, TAP) == -1 || vif_up(&n, TAP) == -1)
		return;
	sent = wire_burst(&n, 2000, 32, 200);
	RC_EXPECT("VIF-003", sent == 2000 && wait_rx(2000),
	    "%d of %d frames sent, %d delivered", sent, 2000, rc_load(&rx.count));
	RC_EXPECT("VIF-005", rc_load(&rx.misordered) == 0, "%d frames delivered out of order",
	    rc_load(&rx.misordered));
	for (i = 0; i < 2000; i++)
		kernel_send(&n, txf, 200, (uint32_t)i);
	while ((len = rch_packet_recv(n.pk, rxf, sizeof(rxf), 500)) > 0) {
		if (frame_ok(rxf, (size_t)len, &seq) != 1)
			continue;
		misordered += got > 0 && seq <= last;
		last = seq;
		got++;
	}
	/* Sends may drop (the interface allows it), never reorder. */
	RC_EXPECT("VIF-005", got > 0 && misordered == 0,
	    "%d of 2000 sent frames arrived, %d out of order", got, misordered);
	rc_note("virtif: %d of 2000 sent frames reached the wire\n", got);
	check_rx();
	vif_down(&n);
}

/*
 * The kernel copies a frame out of the iovec while deliverpkt runs: the
 * frame must not change under it, however many arrive meanwhile -- a
 * receiver that reads ahead into a pool of buffers must not hand the
 * one being delivered back to the reads. The frames that came in the
 * meantime follow in order (a host link may drop some: a machine's NIC
 * ring holds fewer than a tap's queue), and the receiver goes on.
 */
RC_CASE(virtif_slow_delivery, "VIF-940 VIF-003 VIF-005 VIF-640",
    "while the kernel takes 200 ms over one 1514-byte frame, 200 more arrive: the frame it "
    "holds stays intact, those delivered after it come in order, all of them where the link "
    "holds 200 (a tap), and the receiver goes on: 16 frames sent one at a time afterwards "
    "are all delivered")
{
	struct net n;
	int seq, held;

	if (wire_setup(&n, TAP) == -1 || vif_up(&n, TAP) == -1)
		return;
	rc_store(&rx.hold, 1);
	frame_build(txf, SLOW_LEN, 0);
	(void)rch_packet_send(n.pk, txf, SLOW_LEN);
	if (RC_EXPECT("VIF-003", rc_wait_flag(&rx.held, WAIT_MS), "frame 0 was not delivered "
	    "within %d ms", WAIT_MS)) {
		for (seq = 1; seq <= SLOW_BURST; seq++) {
			frame_build(txf, SLOW_LEN, (uint32_t)seq);
			(void)rch_packet_send(n.pk, txf, SLOW_LEN);
		}
		rc_sleep_ms(SLOW_HOLD_MS);	/* a receiver reads ahead meanwhile */
	}
	rc_store(&rx.release, 1);
	(void)wait_rx(SLOW_BURST + 1);
	held = rc_load(&rx.count);
	RC_EXPECT("VIF-940", rc_load(&rx.changed) == 0, "the frame deliverpkt was still taking "
	    "changed under it while %d more arrived: its buffer was read into again before "
	    "deliverpkt returned", SLOW_BURST);
	/* A link may drop what it cannot queue meanwhile; a tap holds them all. */
	if (rch_packet_link_queue(n.pk) > SLOW_BURST)
		RC_EXPECT("VIF-003", held == SLOW_BURST + 1, "%d of %d frames delivered after "
		    "one delivery was held %d ms, on a link that holds %d: the receiver "
		    "dropped frames while its buffers were full", held, SLOW_BURST + 1,
		    SLOW_HOLD_MS, rch_packet_link_queue(n.pk));
	else
		rc_note("virtif: %d of %d frames that came during the held delivery were "
		    "delivered (the link may drop what it cannot queue)\n", held - 1, SLOW_BURST);
	for (seq = SLOW_BURST + 1; seq <= SLOW_BURST + SLOW_TAIL; seq++) {
		frame_build(txf, SLOW_LEN, (uint32_t)seq);
		(void)rch_packet_send(n.pk, txf, SLOW_LEN);
		(void)wait_rx(held + seq - SLOW_BURST);
	}
	RC_EXPECT("VIF-003", rc_load(&rx.count) == held + SLOW_TAIL, "after a delivery held "
	    "%d ms while %d frames came, %d of %d frames sent one at a time were delivered: the "
	    "receiver stopped reading once its buffers were full", SLOW_HOLD_MS, SLOW_BURST,
	    rc_load(&rx.count) - held, SLOW_TAIL);
	RC_EXPECT("VIF-005", rc_load(&rx.misordered) == 0, "%d frames out of order after the "
	    "held delivery", rc_load(&rx.misordered));
	check_rx();
	vif_down(&n);
}

struct flood {
	struct net *n;
	int stop;
	int sent;
};

static void
flood_wire(void *arg)
{
	struct flood *fl = arg;
	unsigned char f[128];

	while (!rc_load(&fl->stop)) {
		frame_build(f, sizeof(f), (uint32_t)fl->sent);
		if (rch_packet_send(fl->n->pk, f, sizeof(f)) == 0)
			fl->sent++;
		if (fl->sent % 64 == 0)
			rc_sleep_ms(1);
	}
}

RC_CASE(virtif_dying, "VIF-006 VIF-007 VIF-640",
    "once rumpcomp_virt_dying returns no frame is delivered, though the wire keeps sending")
{
	struct flood fl = { NULL, 0, 0 };
	struct rc_thread *t;
	struct net n;
	int error;

	if (wire_setup(&n, TAP) == -1 || vif_up(&n, TAP) == -1)
		return;
	fl.n = &n;
	if ((t = rc_spawn(flood_wire, &fl, "wire")) == NULL)
		return;
	RC_EXPECT("VIF-003", wait_rx(100), "no frames delivered under a flood");
	error = vif.dying(n.viu);
	rc_store(&rx.dead, 1);
	RC_EXPECT("VIF-006", error == 0, "rumpcomp_virt_dying = %d", error);
	rc_sleep_ms(200);
	rc_store(&fl.stop, 1);
	rc_join(t);
	RC_EXPECT("VIF-006", rc_load(&rx.after_dying) == 0,
	    "%d frames delivered after dying returned", rc_load(&rx.after_dying));
	rc_store(&rx.dead, 0);	/* vif_down calls dying again, which is allowed */
	vif_down(&n);
	rc_note("virtif: %d frames sent during the dying test\n", fl.sent);
}

/*
 * Names the host refuses at each step of an attach: too long to name an
 * interface at all (43 characters, and IFNAMSIZ, 16: one more than fits,
 * which cut short would name another interface), empty (the host would
 * make up a name), an interface that exists but is no tap (lo, in every
 * namespace), and a name no interface may have (the host's attach call
 * refuses these two after the tap device itself opened fine).
 */
static const char *const impossible[] = {
	"this-name-is-far-too-long-for-any-interface", "rctap-sixteen-16", "", "lo", "rc/bad",
};

RC_CASE(virtif_create_fails, "VIF-008 VIF-010",
    "create on impossible interfaces (names of 43 and 16 characters, an empty one, lo which is "
    "no tap, a name with '/') "
    "fails with an error and leaves nothing behind")
{
	struct virtif_user *viu;
	uint8_t enaddr[6] = { 0xb2, 0x0a, 0, 0x0b, 0x0e, 1 };
	struct net n;
	size_t i;
	int error;

	if (wire_setup(&n, TAP) == -1)
		return;
	for (i = 0; i < sizeof(impossible) / sizeof(impossible[0]); i++) {
		viu = NULL;
		error = vif.create(impossible[i], TEST_SC, enaddr, &viu);
		RC_EXPECT("VIF-008", error != 0, "create(\"%s\") succeeded: the host refuses "
		    "that interface, so the kernel got a handle on nothing", impossible[i]);
		RC_EXPECT("VIF-001", mk_has_cpu(), "rumpcomp_virt_create(\"%s\") returned "
		    "without the CPU", impossible[i]);
		if (error == 0) {
			vif.dying(viu);
			vif.destroy(viu);
			continue;
		}
		RC_EXPECT("VIF-010", !counts_known(&n) ||
		    (rch_count_fds() == n.fds && rch_count_threads() == n.threads),
		    "the failed create(\"%s\") left descriptors or threads behind: %d and %d, "
		    "%d and %d before", impossible[i], rch_count_fds(), rch_count_threads(),
		    n.fds, n.threads);
	}
	rch_packet_close(n.pk);
}

RC_CASE(virtif_unit_number, "VIF-009 VIF-640",
    "devstr \"7\" attaches to the host interface tun7, as the reference does")
{
	uint8_t enaddr[6] = { 0xb2, 0x0a, 0x11, 0x0b, 0x0e, 7 };
	struct net n;
	uint32_t seq;
	long len;
	int error;

	if (wire_setup(&n, "tun7") == -1)
		return;
	error = vif.create("7", TEST_SC, enaddr, &n.viu);
	RC_EXPECT("VIF-001", mk_has_cpu(), "rumpcomp_virt_create returned without the CPU");
	if (!RC_EXPECT("VIF-001", error == 0, "rumpcomp_virt_create(7) = %d", error))
		return;
	/* Attached elsewhere, unit 7 never hears what is sent on tun7. */
	if (!RC_EXPECT("VIF-009", wire_probe(&n), "unit 7 is not attached to tun7: no frame "
	    "sent on tun7 was delivered within %d ms", WAIT_MS)) {
		vif_down(&n);
		return;
	}
	rx_reset();
	kernel_send(&n, txf, 100, 77);
	len = rch_packet_recv(n.pk, rxf, sizeof(rxf), WAIT_MS);
	RC_EXPECT("VIF-009", len == 100 && frame_ok(rxf, 100, &seq) == 1 && seq == 77,
	    "a frame sent on unit 7 did not appear on tun7");
	vif_down(&n);
}

#define RATE_FRAMES	200000

RC_CASE_F(virtif_rate, "VIF-003 VIF-005 VIF-640",
    "200000 60-byte frames through the tap into the kernel: all delivered in order; rate noted",
    RC_F_SLOW)
{
	struct net n;
	uint64_t t0, ns;
	int sent;

	if (wire_setup(&n, TAP) == -1 || vif_up(&n, TAP) == -1)
		return;
	t0 = rch_mono_ns();
	sent = wire_burst(&n, RATE_FRAMES, 256, 60);
	wait_rx(sent);
	ns = rch_mono_ns() - t0;
	rc_note("virtif: %d frames delivered in %llu ms: %llu frames/s\n", rc_load(&rx.count),
	    (unsigned long long)(ns / 1000000u),
	    (unsigned long long)((uint64_t)rc_load(&rx.count) * 1000000000u / (ns ? ns : 1)));
	RC_EXPECT("VIF-003", sent == RATE_FRAMES && rc_load(&rx.count) == RATE_FRAMES,
	    "%d sent, %d delivered", sent, rc_load(&rx.count));
	RC_EXPECT("VIF-005", rc_load(&rx.misordered) == 0, "%d out of order",
	    rc_load(&rx.misordered));
	check_rx();
	vif_down(&n);
}

RC_CASE(virtif_destroy_leaves_nothing, "VIF-010 VIF-007 VIF-640",
    "after create, traffic both ways and destroy, the host has exactly the descriptors and "
    "threads it had before create")
{
	struct net n;
	long len;

	if (wire_setup(&n, TAP) == -1)
		return;
	if (n.fds == -1 || n.threads == -1) {
		rch_packet_close(n.pk);
		RC_SKIP("this host cannot count its descriptors and threads: leaks cannot be checked");
	}
	if (vif_up(&n, TAP) == -1)
		return;
	kernel_send(&n, txf, 60, 0);
	len = rch_packet_recv(n.pk, rxf, sizeof(rxf), WAIT_MS);
	RC_EXPECT("VIF-002", len == 60, "a 60-byte frame did not reach the wire (%ld)", len);
	vif_down(&n);
}

#define VIF_CYCLES	5
/* How long a joined thread may take to leave the host's list. */
#define JOINED_GONE_MS	100

RC_CASE_F(virtif_destroy_joins_receiver, "VIF-200",
    "five create/destroy cycles: each time, right after destroy returns, the host has the threads "
    "and descriptors it had before create",
    RC_F_SLOW)
{
	struct net n;
	uint64_t end;
	int i, fds, threads;

	if (wire_setup(&n, TAP) == -1)
		return;
	if (n.fds == -1 || n.threads == -1) {
		rch_packet_close(n.pk);
		RC_SKIP("this host cannot count its descriptors and threads: leaks cannot be checked");
	}
	for (i = 0; i < VIF_CYCLES && !rc_failed(); i++) {
		if (vif_up(&n, TAP) == -1)
			break;
		RC_EXPECT("VIF-006", vif.dying(n.viu) == 0, "rumpcomp_virt_dying failed");
		vif.destroy(n.viu);
		end = rch_mono_ns() + (uint64_t)JOINED_GONE_MS * 1000000u;
		while ((threads = rch_count_threads()) > n.threads && rch_mono_ns() < end)
			rc_sleep_ms(1);
		fds = rch_count_fds();
		RC_EXPECT("VIF-200", threads == n.threads && fds == n.fds, "cycle %d: %d ms after "
		    "destroy returned the host has %d threads (%d before create) and %d descriptors "
		    "(%d): the receive thread outlives destroy", i, JOINED_GONE_MS, threads,
		    n.threads, fds, n.fds);
	}
	rch_packet_close(n.pk);
}

#define IDLE_MS		1000
#define IDLE_CPU_PERMILLE	5	/* of the wall time: a sleeping receiver uses next to none */

/*
 * The process's CPU time (*cpu) over IDLE_MS of wall time (*wall) in which
 * the test does nothing; -1 and *why where the host cannot tell.
 */
static int
idle_cpu(int64_t *cpu, uint64_t *wall, const char **why)
{
	uint64_t t0 = rch_mono_ns();
	int64_t c0;

	if ((c0 = rch_process_cpu_ns(why)) < 0)
		return -1;
	rc_sleep_ms(IDLE_MS);
	*cpu = rch_process_cpu_ns(why) - c0;
	*wall = rch_mono_ns() - t0;
	return 0;
}

/*
 * With no traffic the receive thread must sleep in the host's wait: one
 * that polls (a zero timeout, a retry loop) takes a CPU of the host
 * whether or not a frame ever comes.
 */
RC_CASE(virtif_idle_sleeps, "VIF-730",
    "an interface with no traffic for 1 s costs the process under 0.5% of the wall time in CPU")
{
	struct net n;
	const char *why;
	int64_t cpu;
	uint64_t wall;

	if (wire_setup(&n, TAP) == -1)
		return;
	if (vif_up(&n, TAP) == -1)
		return;
	rc_sleep_ms(100);	/* the probe's last frames are delivered */
	if (idle_cpu(&cpu, &wall, &why) == -1) {
		vif_down(&n);
		RC_SKIP(why);
	}
	vif_down(&n);
	rc_note("virtif: %lld us of CPU in %llu ms with the interface idle\n",
	    (long long)(cpu / 1000), (unsigned long long)(wall / 1000000u));
	RC_EXPECT("VIF-730", cpu * 1000 <= (int64_t)wall * IDLE_CPU_PERMILLE, "the process used "
	    "%lld ms of CPU in %llu ms with the interface idle (want under %d per mille): the "
	    "receive thread does not sleep", (long long)(cpu / 1000000),
	    (unsigned long long)(wall / 1000000u), IDLE_CPU_PERMILLE);
}

/*
 * The host may delete a tap while the kernel's interface still uses it
 * (an administrator, a torn-down container): from then on the receiver's
 * wait reports an error on the tap at once, every time it is asked. A
 * receiver that retries at once spins until the interface is destroyed;
 * it must stop waiting on the tap, or pace its retries, and still stop
 * when dying comes.
 */
RC_CASE(virtif_dead_tap_sleeps, "VIF-800 VIF-006 VIF-007 VIF-010",
    "after the host deletes the tap under a live interface, 1 s costs the process under 0.5% "
    "of the wall time in CPU, and dying and destroy still retire the interface")
{
	struct net n;
	const char *why;
	int64_t cpu;
	uint64_t wall;

	if (wire_setup(&n, TAP) == -1 || vif_up(&n, TAP) == -1)
		return;
	if (rch_tap_delete(TAP, &why) == -1 || idle_cpu(&cpu, &wall, &why) == -1) {
		vif_down(&n);
		RC_SKIP(why);
	}
	vif_down(&n);
	rc_note("virtif: %lld us of CPU in %llu ms after the tap was deleted\n",
	    (long long)(cpu / 1000), (unsigned long long)(wall / 1000000u));
	RC_EXPECT("VIF-800", cpu * 1000 <= (int64_t)wall * IDLE_CPU_PERMILLE, "the process used "
	    "%lld ms of CPU in %llu ms after the host deleted the tap under the live interface "
	    "(want under %d per mille): the receive thread retries the failed tap without "
	    "waiting", (long long)(cpu / 1000000), (unsigned long long)(wall / 1000000u),
	    IDLE_CPU_PERMILLE);
}

#define NB_EMFILE	24

/*
 * A kernel that has used up its descriptors creates one more interface:
 * the tap cannot be opened, and the error must say why rather than what
 * a later step, handed the failed open's -1, tripped over.
 */
RC_CASE(virtif_create_no_descriptor, "VIF-731 VIF-010",
    "create in a process with no free descriptor fails with EMFILE (24) and leaves nothing "
    "behind")
{
	struct virtif_user *viu = NULL;
	uint8_t enaddr[6] = { 0xb2, 0x0a, 0, 0x0b, 0x0e, 2 };
	struct net n;
	const char *why;
	int error, fds;

	if (wire_setup(&n, TAP) == -1)
		return;
	if (rch_fds_exhaust(&why) == -1) {
		rch_packet_close(n.pk);
		RC_SKIP(why);
	}
	error = vif.create(TAP, TEST_SC, enaddr, &viu);
	rch_fds_release();
	fds = rch_count_fds();
	if (error == 0) {
		vif.dying(viu);
		vif.destroy(viu);
	}
	rch_packet_close(n.pk);
	RC_EXPECT("VIF-731", error == NB_EMFILE, "create with no descriptor free = %d%s, want "
	    "EMFILE (24): the host could not open the tap for want of a descriptor", error,
	    error == 0 ? " (success)" : "");
	RC_EXPECT("VIF-010", error == 0 || n.fds == -1 || fds == n.fds, "the failed create left "
	    "%d descriptors behind", fds - n.fds);
}

#define MEM_WARMUP	4	/* cycles that fill the host's caches first */
#define MEM_CYCLES	32
#define MEM_HEAP_SLACK	(64 * 1024)	/* allocator noise; a 2 KiB leak a cycle is over it */
#define MEM_MAP_SLACK	(32 << 20)	/* arenas and cached stacks; one stack a cycle is over it */

/* n create/traffic/destroy cycles; -1 once one failed (already reported). */
static int
vif_cycles(struct net *n, int cycles)
{
	int i;

	for (i = 0; i < cycles; i++) {
		rc_store(&rx.dead, 0);
		if (vif_up(n, TAP) == -1)
			return -1;
		RC_EXPECT("VIF-006", vif.dying(n->viu) == 0, "rumpcomp_virt_dying failed");
		rc_store(&rx.dead, 1);
		vif.destroy(n->viu);
	}
	return 0;
}

/*
 * What an interface takes from the host (its receiver's buffer, stack,
 * records) comes back at destroy: a kernel that attaches and detaches
 * interfaces all day must not grow with each one.
 */
RC_CASE_F(virtif_cycles_free_memory, "VIF-790",
    "32 create/traffic/destroy cycles leave the host heap in use (within 64 KiB) and the mapped "
    "memory (within 32 MiB) where they were", RC_F_SLOW)
{
	struct net n;
	int64_t heap0, map0, heap, map;

	if (wire_setup(&n, TAP) == -1)
		return;
	heap0 = rch_heap_in_use();
	map0 = rch_mapped_bytes();
	if (heap0 < 0 && map0 < 0) {
		rch_packet_close(n.pk);
		RC_SKIP("this host counts neither its heap in use nor its mappings: leaks cannot be "
		    "checked");
	}
	if (vif_cycles(&n, MEM_WARMUP) == -1) {
		rch_packet_close(n.pk);
		return;
	}
	heap0 = rch_heap_in_use();
	map0 = rch_mapped_bytes();
	if (vif_cycles(&n, MEM_CYCLES) == -1) {
		rch_packet_close(n.pk);
		return;
	}
	heap = rch_heap_in_use();
	map = rch_mapped_bytes();
	rch_packet_close(n.pk);
	rc_note("virtif: over %d cycles heap in use %lld -> %lld bytes, mapped %lld -> %lld KiB\n",
	    MEM_CYCLES, (long long)heap0, (long long)heap, (long long)(map0 >> 10),
	    (long long)(map >> 10));
	RC_EXPECT("VIF-790", heap0 < 0 || heap - heap0 < MEM_HEAP_SLACK, "after %d create/destroy "
	    "cycles the host heap holds %lld bytes more (%lld a cycle, want under %d in all): "
	    "destroy does not free what the interface took", MEM_CYCLES,
	    (long long)(heap - heap0), (long long)((heap - heap0) / MEM_CYCLES), MEM_HEAP_SLACK);
	RC_EXPECT("VIF-790", map0 < 0 || map - map0 < MEM_MAP_SLACK, "after %d create/destroy "
	    "cycles %lld KiB more address space is mapped (%lld KiB a cycle, want under %d MiB in "
	    "all): the receiver's stack or buffers are never unmapped", MEM_CYCLES,
	    (long long)((map - map0) >> 10), (long long)(((map - map0) >> 10) / MEM_CYCLES),
	    MEM_MAP_SLACK >> 20);
}

static const struct rc_case *const cases[] = {
	RC_REF(virtif_tx_sizes), RC_REF(virtif_rx_sizes), RC_REF(virtif_order),
	RC_REF(virtif_dying), RC_REF(virtif_create_fails), RC_REF(virtif_unit_number),
	RC_REF(virtif_rate), RC_REF(virtif_destroy_leaves_nothing),
	RC_REF(virtif_destroy_joins_receiver), RC_REF(virtif_idle_sleeps),
	RC_REF(virtif_dead_tap_sleeps), RC_REF(virtif_create_no_descriptor),
	RC_REF(virtif_cycles_free_memory), RC_REF(virtif_slow_delivery), NULL
};
const struct rc_area rc_area_virtif = { "virtif", cases };
