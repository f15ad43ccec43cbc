/*
 * virtio_mmio.c -- legacy (version 1) virtio-mmio of QEMU's virt machines
 * (virt-aarch64, virt-arm: the same 32 slots at 0x0a000000), polled:
 * virtio-blk as the machine's block devices, virtio-net as its NICs,
 * virtio-rng as its random generator. QEMU puts the first -device in the
 * highest slot, so the slots are scanned downwards and blk0 is the first
 * disk given. The MMU is off: addresses are physical, memory is uncached
 * and ordered. Descriptor addresses are 64-bit, any pointer fits.
 */
#include <string.h>

#include "machine.h"
#include "virtio_mmio.h"

#define MMIO_BASE	0x0a000000u
#define MMIO_SLOTS	32
#define MMIO_STRIDE	0x200u

#define R_MAGIC		0x000
#define R_VERSION	0x004
#define R_DEVICE	0x008
#define R_GUEST_FEAT	0x020
#define R_PAGE_SIZE	0x028
#define R_QUEUE_SEL	0x030
#define R_QUEUE_MAX	0x034
#define R_QUEUE_NUM	0x038
#define R_QUEUE_ALIGN	0x03c
#define R_QUEUE_PFN	0x040
#define R_NOTIFY	0x050
#define R_INT_STATUS	0x060
#define R_INT_ACK	0x064
#define R_STATUS	0x070
#define R_CONFIG	0x100

#define DEV_NET		1
#define DEV_BLK		2
#define DEV_RNG		4

#define QSIZE		64
#define PAGE		4096u
#define D_NEXT		1
#define D_WRITE		2	/* the device writes this buffer */

#define MAX_BLK		4
#define MAX_NET		2
#define RX_BUF		9232u	/* a jumbo frame (9018) and the header */
#define NET_HDR		10u	/* legacy virtio_net_hdr, no mergeable buffers */

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

struct queue {
	uintptr_t base;		/* the device's registers */
	int index;
	struct desc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[QSIZE] */
	volatile uint16_t *used;	/* flags, idx, then {u32 id, u32 len}[QSIZE] */
	uint16_t avail_idx, used_seen;
	uint8_t mem[2 * PAGE] __attribute__((__aligned__(4096)));
};

struct blkdev {
	struct queue q;
	uint64_t sectors;
	char name[8];
};

struct netdev {
	struct queue rx, tx;
	uint8_t mac[6];
	uint8_t rxbuf[QSIZE][RX_BUF];
	uint8_t txbuf[QSIZE][RX_BUF];
	uint8_t tx_busy[QSIZE];		/* the device still has the buffer */
};

static struct blkdev blks[MAX_BLK];
static int nblk;
static struct netdev nets[MAX_NET];
static int nnet;
static struct queue rngq;
static int have_rng;

static inline uint32_t
rd32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void
wr32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

/* The same instruction on ARMv7-A and ARMv8-A. */
static void
barrier(void)
{
	__asm__ volatile("dmb sy" ::: "memory");
}

static int
queue_setup(uintptr_t base, struct queue *q, int index)
{
	uint32_t max;

	q->base = base;
	q->index = index;
	wr32(base + R_QUEUE_SEL, (uint32_t)index);
	if ((max = rd32(base + R_QUEUE_MAX)) < QSIZE)
		return -1;
	memset(q->mem, 0, sizeof(q->mem));
	q->desc = (struct desc *)q->mem;
	q->avail = (volatile uint16_t *)(q->mem + QSIZE * sizeof(struct desc));
	q->used = (volatile uint16_t *)(q->mem + PAGE);
	wr32(base + R_QUEUE_NUM, QSIZE);
	wr32(base + R_QUEUE_ALIGN, PAGE);
	wr32(base + R_QUEUE_PFN, (uint32_t)((uintptr_t)q->mem / PAGE));
	return 0;
}

/* Offer the chain starting at descriptor head. */
static void
queue_submit(struct queue *q, uint16_t head)
{
	q->avail[2 + q->avail_idx % QSIZE] = head;
	barrier();
	q->avail[1] = ++q->avail_idx;
	barrier();
	wr32(q->base + R_NOTIFY, (uint32_t)q->index);
}

/* A finished chain's head and length: 1, or 0 when none is waiting. */
static int
queue_reap(struct queue *q, uint16_t *head, uint32_t *len)
{
	volatile uint32_t *elem;

	barrier();
	if (q->used[1] == q->used_seen)
		return 0;
	elem = (volatile uint32_t *)(q->used + 2) + 2 * (q->used_seen % QSIZE);
	*head = (uint16_t)elem[0];
	*len = elem[1];
	q->used_seen++;
	wr32(q->base + R_INT_ACK, rd32(q->base + R_INT_STATUS));
	return 1;
}

/* Submit and wait for the device (one request at a time per queue). */
static uint32_t
queue_roundtrip(struct queue *q, uint16_t head)
{
	uint16_t h;
	uint32_t len;

	queue_submit(q, head);
	while (!queue_reap(q, &h, &len))
		continue;
	return len;
}

static void
set_desc(struct queue *q, int i, const void *addr, uint32_t len, uint16_t flags)
{
	q->desc[i].addr = (uintptr_t)addr;
	q->desc[i].len = len;
	q->desc[i].flags = flags;
	q->desc[i].next = (uint16_t)(i + 1);
}

/* --- block ------------------------------------------------------------------ */

int
mach_blk_count(void)
{
	return nblk;
}

const char *
mach_blk_name(int dev)
{
	return blks[dev].name;
}

uint64_t
mach_blk_size(int dev)
{
	return blks[dev].sectors * 512u;
}

static int
blk_request(int dev, uint32_t type, uint64_t sector, void *buf, size_t len, int dev_writes)
{
	struct blkdev *b = &blks[dev];
	struct { uint32_t type, reserved; uint64_t sector; } hdr = { type, 0, sector };
	volatile uint8_t status = 0xff;
	int n = 0;

	set_desc(&b->q, n++, &hdr, sizeof(hdr), D_NEXT);
	if (len > 0)
		set_desc(&b->q, n++, buf, (uint32_t)len, D_NEXT | (dev_writes ? D_WRITE : 0));
	set_desc(&b->q, n, (const void *)&status, 1, D_WRITE);
	queue_roundtrip(&b->q, 0);
	switch (status) {
	case 0:
		return 0;
	case 2:
		return -45;	/* NetBSD EOPNOTSUPP */
	default:
		return -5;	/* EIO */
	}
}

int
mach_blk_rw(int dev, int write, uint64_t off, void *buf, size_t len)
{
	if (dev < 0 || dev >= nblk)
		return -6;	/* ENXIO */
	if (off % 512 != 0 || len % 512 != 0)
		return -22;	/* EINVAL */
	if (off + len > mach_blk_size(dev))
		return -28;	/* ENOSPC */
	return blk_request(dev, write ? 1 : 0, off / 512, buf, len, !write);
}

int
mach_blk_flush(int dev)
{
	if (dev < 0 || dev >= nblk)
		return -6;
	return blk_request(dev, 4, 0, NULL, 0, 0);
}

/* --- network ---------------------------------------------------------------- */

int
mach_net_count(void)
{
	return nnet;
}

void
mach_net_mac(int nic, uint8_t mac[6])
{
	memcpy(mac, nets[nic].mac, 6);
}

static void
rx_post(struct netdev *n, int slot)
{
	set_desc(&n->rx, slot, n->rxbuf[slot], RX_BUF, D_WRITE);
	n->rx.desc[slot].flags = D_WRITE;
	queue_submit(&n->rx, (uint16_t)slot);
}

/* Take back the transmit buffers the device is done with. */
static void
tx_reap(struct netdev *n)
{
	uint16_t head;
	uint32_t len;

	while (queue_reap(&n->tx, &head, &len))
		n->tx_busy[head] = 0;
}

/*
 * Queued, not waited for: the peer may not take frames until our own
 * receiver drains it, so waiting here could wait forever. A full ring
 * drops the frame (ENOBUFS), as a NIC does.
 */
int
mach_net_send(int nic, const void *frame, size_t len)
{
	struct netdev *n = &nets[nic];
	int slot;

	if (nic < 0 || nic >= nnet)
		return -6;
	if (len > RX_BUF - NET_HDR)
		return -40;	/* EMSGSIZE */
	tx_reap(n);
	for (slot = 0; slot < QSIZE && n->tx_busy[slot]; slot++)
		continue;
	if (slot == QSIZE)
		return -55;	/* ENOBUFS */
	memset(n->txbuf[slot], 0, NET_HDR);
	memcpy(n->txbuf[slot] + NET_HDR, frame, len);
	set_desc(&n->tx, slot, n->txbuf[slot], (uint32_t)(NET_HDR + len), 0);
	n->tx_busy[slot] = 1;
	queue_submit(&n->tx, (uint16_t)slot);
	return 0;
}

long
mach_net_recv(int nic, void *buf, size_t cap)
{
	struct netdev *n = &nets[nic];
	uint16_t head;
	uint32_t len;
	size_t got;

	if (nic < 0 || nic >= nnet)
		return -6;
	if (!queue_reap(&n->rx, &head, &len))
		return 0;
	got = len > NET_HDR ? len - NET_HDR : 0;
	if (got > cap)
		got = cap;
	memcpy(buf, n->rxbuf[head] + NET_HDR, got);
	rx_post(n, head);
	return (long)got;
}

/* --- entropy ---------------------------------------------------------------- */

long
mach_random(void *buf, size_t len)
{
	size_t done = 0;
	uint32_t got;

	if (!have_rng)
		return -86;	/* NetBSD ENOTSUP */
	while (done < len) {
		set_desc(&rngq, 0, (uint8_t *)buf + done, (uint32_t)(len - done), D_WRITE);
		if ((got = queue_roundtrip(&rngq, 0)) == 0)
			break;
		done += got;
	}
	return (long)done;
}

/* --- probing ---------------------------------------------------------------- */

static void
start_device(uintptr_t base)
{
	wr32(base + R_STATUS, 0);		/* reset */
	wr32(base + R_STATUS, 1 | 2);		/* ACKNOWLEDGE, DRIVER */
	wr32(base + R_GUEST_FEAT, 0);		/* no features */
	wr32(base + R_PAGE_SIZE, PAGE);
}

static void
ready(uintptr_t base)
{
	wr32(base + R_STATUS, 1 | 2 | 4);	/* DRIVER_OK */
}

static void
add_blk(uintptr_t base)
{
	struct blkdev *b = &blks[nblk];

	start_device(base);
	if (queue_setup(base, &b->q, 0) != 0)
		return;
	b->sectors = (uint64_t)rd32(base + R_CONFIG) | (uint64_t)rd32(base + R_CONFIG + 4) << 32;
	b->name[0] = 'b', b->name[1] = 'l', b->name[2] = 'k';
	b->name[3] = (char)('0' + nblk);
	ready(base);
	nblk++;
}

static void
add_net(uintptr_t base)
{
	struct netdev *n = &nets[nnet];

	start_device(base);
	if (queue_setup(base, &n->rx, 0) != 0 || queue_setup(base, &n->tx, 1) != 0)
		return;
	for (int i = 0; i < 6; i++)
		n->mac[i] = *(volatile uint8_t *)(base + R_CONFIG + i);
	ready(base);
	for (int i = 0; i < QSIZE; i++)
		rx_post(n, i);
	nnet++;
}

static void
add_rng(uintptr_t base)
{
	start_device(base);
	if (queue_setup(base, &rngq, 0) != 0)
		return;
	ready(base);
	have_rng = 1;
}

void
virtio_probe(void)
{
	for (int slot = MMIO_SLOTS - 1; slot >= 0; slot--) {
		uintptr_t base = MMIO_BASE + MMIO_STRIDE * (uintptr_t)slot;

		if (rd32(base + R_MAGIC) != 0x74726976 || rd32(base + R_VERSION) != 1)
			continue;
		switch (rd32(base + R_DEVICE)) {
		case DEV_BLK:
			if (nblk < MAX_BLK)
				add_blk(base);
			break;
		case DEV_NET:
			if (nnet < MAX_NET)
				add_net(base);
			break;
		case DEV_RNG:
			if (!have_rng)
				add_rng(base);
			break;
		}
	}
}
