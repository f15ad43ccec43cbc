/* virtio_pci.c -- legacy virtio-pci disks and NICs on the pc machine: I/O BAR0 through 0xCF8/0xCFC, polled queues. */
#include "machine.h"
#include "rump/netbsd_errno.h"
#include "../../arch/x86_64/x86.h"
#include "pc.h"

#define MAX_BLK		4
#define MAX_NET		4
#define QMAX		256		/* QEMU's legacy queues have 256 slots */
#define QPAGES		3		/* desc + avail, then used, for QMAX */
#define NRX		16		/* receive buffers kept posted per NIC */
#define NTX		16		/* transmit slots per NIC */
#define BUFSZ		9232		/* a jumbo frame (9018) and the header */
#define NET_HDR		10		/* struct virtio_net_hdr, no MRG_RXBUF */

/* Legacy register block in BAR0. */
#define VIO_DEV_FEATURES	0x00
#define VIO_DRV_FEATURES	0x04
#define VIO_QUEUE_PFN		0x08
#define VIO_QUEUE_SIZE		0x0c
#define VIO_QUEUE_SEL		0x0e
#define VIO_QUEUE_NOTIFY	0x10
#define VIO_STATUS		0x12
#define VIO_CONFIG		0x14
#define ST_ACK			1
#define ST_DRIVER		2
#define ST_DRIVER_OK		4

#define VRING_NEXT	1
#define VRING_WRITE	2
#define BLK_F_FLUSH	(1u << 9)
#define NET_F_MAC	(1u << 5)
#define BLK_T_IN	0
#define BLK_T_OUT	1
#define BLK_T_FLUSH	4
#define BLK_CHUNK	(1u << 20)

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

struct vring_avail {
	uint16_t flags, idx, ring[QMAX];
};

struct vring_used {
	uint16_t flags, idx;
	struct { uint32_t id, len; } ring[QMAX];
};

struct vq {
	uint16_t io, sel, size, last_used;
	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
};

struct blk {
	struct vq q;
	uint64_t bytes;
	int can_flush;
	char name[8];
	struct { uint32_t type, reserved; uint64_t sector; } hdr;
	volatile uint8_t status;
};

struct nic {
	struct vq rx, tx;
	uint8_t mac[6];
	unsigned tx_next, tx_busy;	/* FIFO of transmit slots in flight */
};

static uint8_t qmem[MAX_BLK + 2 * MAX_NET][QPAGES * 4096]
    __attribute__((aligned(4096)));
static uint8_t rxbuf[MAX_NET][NRX][BUFSZ];
static uint8_t txbuf[MAX_NET][NTX][BUFSZ];
static struct blk blks[MAX_BLK];
static struct nic nics[MAX_NET];
static int nblk, nnet, nqmem;

static void barrier(void) { __asm__ volatile("" ::: "memory"); }

static uint32_t
pci_read(unsigned dev, unsigned off)
{
	outl(0xcf8, 0x80000000u | dev << 11 | (off & 0xfc));
	return inl(0xcfc);
}

static void
pci_write(unsigned dev, unsigned off, uint32_t v)
{
	outl(0xcf8, 0x80000000u | dev << 11 | (off & 0xfc));
	outl(0xcfc, v);
}

/* Queue sel of the device at io into the next free pages: 0 or -errno. */
static int
vq_setup(struct vq *q, uint16_t io, uint16_t sel)
{
	uint8_t *mem;
	size_t used_off;

	outw(io + VIO_QUEUE_SEL, sel);
	q->size = inw(io + VIO_QUEUE_SIZE);
	if (q->size == 0 || q->size > QMAX || nqmem == MAX_BLK + 2 * MAX_NET)
		return -NB_ENODEV;
	mem = qmem[nqmem++];
	used_off = (16u * q->size + 6 + 2u * q->size + 4095) & ~(size_t)4095;
	q->io = io;
	q->sel = sel;
	q->last_used = 0;
	q->desc = (void *)mem;
	q->avail = (void *)(mem + 16u * q->size);
	q->used = (void *)(mem + used_off);
	outl(io + VIO_QUEUE_PFN, (uint32_t)((uintptr_t)mem >> 12));
	return 0;
}

static void
vq_desc(struct vq *q, uint16_t i, const volatile void *addr, uint32_t len,
    uint16_t flags)
{
	q->desc[i].addr = (uintptr_t)addr;
	q->desc[i].len = len;
	q->desc[i].flags = flags;
	q->desc[i].next = i + 1;
}

/* Offer the chain that starts at head. */
static void
vq_offer(struct vq *q, uint16_t head)
{
	q->avail->ring[q->avail->idx % q->size] = head;
	barrier();
	q->avail->idx++;
	barrier();
	outw(q->io + VIO_QUEUE_NOTIFY, q->sel);
}

/* The next used element, or -1 when the device has returned none. */
static long
vq_take(struct vq *q, uint32_t *len)
{
	uint32_t id;

	if (q->used->idx == q->last_used)
		return -1;
	barrier();
	id = q->used->ring[q->last_used % q->size].id;
	*len = q->used->ring[q->last_used % q->size].len;
	q->last_used++;
	return id;
}

static void
vq_wait(struct vq *q)
{
	uint32_t len;

	while (vq_take(q, &len) < 0)
		__asm__ volatile("pause");
}

/* Reset, acknowledge, agree on wanted & offered features; the features. */
static uint32_t
dev_start(uint16_t io, uint32_t wanted)
{
	uint32_t f;

	outb(io + VIO_STATUS, 0);
	outb(io + VIO_STATUS, ST_ACK | ST_DRIVER);
	f = inl(io + VIO_DEV_FEATURES) & wanted;
	outl(io + VIO_DRV_FEATURES, f);
	return f;
}

static void
blk_attach(uint16_t io)
{
	struct blk *b = &blks[nblk];

	b->can_flush = (dev_start(io, BLK_F_FLUSH) & BLK_F_FLUSH) != 0;
	if (vq_setup(&b->q, io, 0) != 0)
		return;
	b->bytes = ((uint64_t)inl(io + VIO_CONFIG + 4) << 32 |
	    inl(io + VIO_CONFIG)) * 512;
	b->name[0] = 'b', b->name[1] = 'l', b->name[2] = 'k';
	b->name[3] = (char)('0' + nblk);
	outb(io + VIO_STATUS, ST_ACK | ST_DRIVER | ST_DRIVER_OK);
	nblk++;
}

static void
net_attach(uint16_t io)
{
	struct nic *n = &nics[nnet];
	uint16_t i;

	if (!(dev_start(io, NET_F_MAC) & NET_F_MAC))
		return;
	if (vq_setup(&n->rx, io, 0) != 0 || vq_setup(&n->tx, io, 1) != 0)
		return;
	for (i = 0; i < 6; i++)
		n->mac[i] = inb(io + VIO_CONFIG + i);
	outb(io + VIO_STATUS, ST_ACK | ST_DRIVER | ST_DRIVER_OK);
	for (i = 0; i < NRX; i++) {
		vq_desc(&n->rx, i, rxbuf[nnet][i], BUFSZ, VRING_WRITE);
		vq_offer(&n->rx, i);
	}
	nnet++;
}

void
pc_virtio_init(void)
{
	unsigned dev;
	uint32_t id;
	uint16_t io, type;

	for (dev = 0; dev < 32; dev++) {
		id = pci_read(dev, 0x00);
		/* legacy virtio: vendor 0x1af4, device 0x1000..0x103f */
		if ((id & 0xffff) != 0x1af4 || (id >> 16) < 0x1000 || (id >> 16) > 0x103f)
			continue;
		io = (uint16_t)(pci_read(dev, 0x10) & ~3u);
		pci_write(dev, 0x04, pci_read(dev, 0x04) | 0x5);	/* I/O, master */
		type = (uint16_t)(pci_read(dev, 0x2c) >> 16);		/* subsystem */
		if (type == 2 && nblk < MAX_BLK)
			blk_attach(io);
		else if (type == 1 && nnet < MAX_NET)
			net_attach(io);
	}
}

int mach_blk_count(void) { return nblk; }

const char *
mach_blk_name(int dev)
{
	return dev >= 0 && dev < nblk ? blks[dev].name : NULL;
}

uint64_t
mach_blk_size(int dev)
{
	return dev >= 0 && dev < nblk ? blks[dev].bytes : 0;
}

/* One request (type, sector, data) start to end; data may be absent. */
static int
blk_request(struct blk *b, uint32_t type, uint64_t sector, void *buf,
    uint32_t len)
{
	uint16_t d = 0;

	b->hdr.type = type;
	b->hdr.sector = sector;
	b->status = 0xff;
	vq_desc(&b->q, d++, &b->hdr, sizeof(b->hdr), VRING_NEXT);
	if (len != 0)
		vq_desc(&b->q, d++, buf, len,
		    VRING_NEXT | (type == BLK_T_IN ? VRING_WRITE : 0));
	vq_desc(&b->q, d, &b->status, 1, VRING_WRITE);
	vq_offer(&b->q, 0);
	vq_wait(&b->q);
	return b->status == 0 ? 0 : -NB_EIO;
}

int
mach_blk_rw(int dev, int write, uint64_t off, void *buf, size_t len)
{
	struct blk *b;
	uint32_t n;
	int rv;

	if (dev < 0 || dev >= nblk)
		return -NB_ENXIO;
	b = &blks[dev];
	if (off % 512 != 0 || len % 512 != 0)
		return -NB_EINVAL;
	if (off > b->bytes || len > b->bytes - off)
		return -NB_EIO;
	for (; len > 0; off += n, len -= n, buf = (uint8_t *)buf + n) {
		n = len < BLK_CHUNK ? (uint32_t)len : BLK_CHUNK;
		rv = blk_request(b, write ? BLK_T_OUT : BLK_T_IN, off / 512, buf, n);
		if (rv != 0)
			return rv;
	}
	return 0;
}

int
mach_blk_flush(int dev)
{
	if (dev < 0 || dev >= nblk)
		return -NB_ENXIO;
	if (!blks[dev].can_flush)	/* no write cache to flush */
		return 0;
	return blk_request(&blks[dev], BLK_T_FLUSH, 0, NULL, 0);
}

int mach_net_count(void) { return nnet; }

void
mach_net_mac(int nic, uint8_t mac[6])
{
	int i;

	for (i = 0; i < 6; i++)
		mac[i] = nic >= 0 && nic < nnet ? nics[nic].mac[i] : 0;
}

/*
 * Queue a frame and return: the device may hold it while the peer on the
 * hub has no receive buffer (a receiver that only runs when this thread
 * yields), so waiting for it here could wait forever. QEMU completes
 * transmits in order, so the slots free again from the oldest; a full
 * ring drops the frame (-ENOBUFS, which virtif allows).
 */
int
mach_net_send(int nic, const void *frame, size_t len)
{
	struct nic *n;
	const uint8_t *src = frame;
	uint8_t *slot;
	uint32_t done;
	size_t i;

	if (nic < 0 || nic >= nnet)
		return -NB_ENXIO;
	n = &nics[nic];
	if (len > BUFSZ - NET_HDR)
		return -NB_EMSGSIZE;
	while (n->tx_busy > 0 && vq_take(&n->tx, &done) >= 0)
		n->tx_busy--;
	if (n->tx_busy == NTX)
		return -NB_ENOBUFS;
	slot = txbuf[nic][n->tx_next];
	for (i = 0; i < NET_HDR; i++)
		slot[i] = 0;
	for (i = 0; i < len; i++)
		slot[NET_HDR + i] = src[i];
	vq_desc(&n->tx, (uint16_t)n->tx_next, slot, (uint32_t)(NET_HDR + len), 0);
	vq_offer(&n->tx, (uint16_t)n->tx_next);
	n->tx_next = (n->tx_next + 1) % NTX;
	n->tx_busy++;
	return 0;
}

long
mach_net_recv(int nic, void *buf, size_t cap)
{
	struct nic *n;
	uint8_t *dst = buf;
	uint32_t len, i;
	long id;

	if (nic < 0 || nic >= nnet)
		return -NB_ENXIO;
	n = &nics[nic];
	id = vq_take(&n->rx, &len);
	if (id < 0)
		return 0;
	len = len > NET_HDR ? len - NET_HDR : 0;
	if (len <= cap)
		for (i = 0; i < len; i++)
			dst[i] = rxbuf[nic][id][NET_HDR + i];
	vq_desc(&n->rx, (uint16_t)id, rxbuf[nic][id], BUFSZ, VRING_WRITE);
	vq_offer(&n->rx, (uint16_t)id);
	return len <= cap ? (long)len : -NB_EMSGSIZE;
}
