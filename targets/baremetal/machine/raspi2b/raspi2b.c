/* raspi2b.c -- the QEMU raspi2b board: PL011 UART0, bcm2836 local interrupts, firmware mailbox, BCM RNG, semihosting time/cmdline/disk (exit and faults: ../../arch/arm); on a real Pi 2 (a device tree from U-Boot's bootm) no semihosting. */
#include "machine.h"
#include "../common/common.h"
#include "../common/fdt.h"
#include "../../arch/arm/arm.h"
#include "rump/netbsd_errno.h"

#define PERI		0x3f000000u
#define UART0_DR	(PERI + 0x201000)
#define UART0_FR	(PERI + 0x201018)
#define FR_TXFF		(1u << 5)
#define MBOX_READ	(PERI + 0xb880)
#define MBOX_STATUS	(PERI + 0xb898)
#define MBOX_WRITE	(PERI + 0xb8a0)
#define MBOX_FULL	0x80000000u
#define MBOX_EMPTY	0x40000000u
#define MBOX_PROPS	8		/* the property channel */
#define TAG_ARM_MEMORY	0x00010005
#define RNG_CTRL	(PERI + 0x104000)
#define RNG_STATUS	(PERI + 0x104004)
#define RNG_DATA	(PERI + 0x104008)
#define CORE0_TIMER_IRQCNTL	0x40000040u
#define CORE0_IRQ_SOURCE	0x40000060u
#define CNTV_IRQ		(1u << 3)	/* nCNTVIRQ */
#define DISK_KEY	"bm.disk="

extern char _end[];

static char cmdline[4096];
static const char *cmdline_user = "";
static uintptr_t ram_lo, ram_hi;
static long disk = -1;			/* semihosting handle */
static uint64_t disk_bytes;

void
mach_putc(char c)
{
	while (mmio_read(UART0_FR) & FR_TXFF)
		;
	mmio_write(UART0_DR, (uint8_t)c);
}

/* The ARM's share of RAM from the firmware (VideoCore keeps the top). */
static void
ram_from_firmware(void)
{
	static volatile uint32_t msg[8] __attribute__((aligned(16)));
	uintptr_t end = ((uintptr_t)_end + 4095) & ~(uintptr_t)4095;

	msg[0] = sizeof(msg);
	msg[1] = 0;			/* a request */
	msg[2] = TAG_ARM_MEMORY;
	msg[3] = 8;
	msg[4] = 0;
	msg[5] = msg[6] = msg[7] = 0;	/* base, size, end tag */
	while (mmio_read(MBOX_STATUS) & MBOX_FULL)
		;
	mmio_write(MBOX_WRITE, (uint32_t)(uintptr_t)msg | MBOX_PROPS);
	while ((mmio_read(MBOX_STATUS) & MBOX_EMPTY) ||
	    (mmio_read(MBOX_READ) & 0xf) != MBOX_PROPS)
		;
	if (msg[1] != 0x80000000u || msg[5] + msg[6] <= end)
		return;
	ram_lo = end;
	ram_hi = (msg[5] + msg[6]) & ~(uintptr_t)4095;
}

/* The host file named on the command line, opened "r+b". */
static void
disk_open(const char *path)
{
	uint32_t open_args[3] = { (uint32_t)(uintptr_t)path, 3, 0 };
	uint32_t flen_args[1];
	long h, len;

	while (path[open_args[2]] != '\0')
		open_args[2]++;
	h = semihost(SYS_OPEN, open_args);
	if (h < 0)
		return;
	flen_args[0] = (uint32_t)h;
	len = semihost(SYS_FLEN, flen_args);
	if (len < 0)
		return;
	disk = h;
	disk_bytes = (uint64_t)len & ~(uint64_t)511;
}

/* SYS_GET_CMDLINE gives "IMAGE bm.disk=PATH APPEND..." (QEMU joins -kernel
   and -append when -semihosting-config has no arg=): the disk's path is
   taken out, the user's part is what follows. */
static void
cmdline_read(void)
{
	uint32_t args[2] = { (uint32_t)(uintptr_t)cmdline, sizeof(cmdline) - 1 };
	char *p, *path = NULL;
	const char *k;

	if (semihost(SYS_GET_CMDLINE, args) != 0)
		return;
	for (p = cmdline; *p != '\0' && *p != ' '; p++)
		;
	while (*p == ' ')
		p++;
	for (k = DISK_KEY; *k != '\0' && *p == *k; k++, p++)
		;
	if (*k == '\0') {
		path = p;
		while (*p != '\0' && *p != ' ')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	cmdline_user = p;
	if (path != NULL && *path != '\0')
		disk_open(path);
}

/*
 * On a real board (U-Boot's bootm passed a device tree, semihosting would
 * trap): the command line is /chosen's rumpcheck,args (the job's own tree;
 * U-Boot rewrites bootargs with the lab's), copied before the heap may
 * cover the tree; a Pi has no real-time clock: rumpcheck,epoch is the wall
 * clock when the job was made (behind by the time it waited for the board).
 */
static void
board_init(const void *fdt)
{
	const char *args = fdt_chosen(fdt, "rumpcheck,args");
	int64_t epoch;
	size_t n;

	for (n = 0; args != NULL && args[n] != '\0' && n + 1 < sizeof(cmdline); n++)
		cmdline[n] = args[n];
	cmdline_user = cmdline;
	if (fdt_chosen_epoch(fdt, &epoch) == 0)
		wall_set_base(epoch);
	arm_semihosting = 0;
}

void
mach_init(void)
{
	arm_timer_init();
	ram_from_firmware();
	if (fdt_valid((const void *)arm_boot_fdt)) {
		board_init((const void *)arm_boot_fdt);
	} else {
		cmdline_read();
		wall_set_base((uint32_t)semihost(SYS_TIME, NULL));
	}
	mmio_write(RNG_STATUS, 0x40000);	/* discard the first words */
	mmio_write(RNG_CTRL, 1);
	mmio_write(CORE0_TIMER_IRQCNTL, CNTV_IRQ);
	mach_irq_restore(1);	/* machine.h: enabled from here on */
}

const char *mach_name(void) { return "raspi2b"; }
const char *mach_cmdline(void) { return cmdline_user; }
size_t mach_page_size(void) { return 4096; }

void
mach_ram(uintptr_t *lo, uintptr_t *hi)
{
	*lo = ram_lo;
	*hi = ram_hi;
}

void
arm_irq_handler(void)
{
	if (mmio_read(CORE0_IRQ_SOURCE) & CNTV_IRQ)
		arm_timer_irq();
}

long
mach_random(void *buf, size_t len)
{
	uint8_t *p = buf;
	uint32_t w = 0;
	size_t i;
	int spins;

	for (i = 0; i < len; i++) {
		if (i % 4 == 0) {
			/* STATUS bits 31..24: words ready */
			for (spins = 0; (mmio_read(RNG_STATUS) >> 24) == 0; spins++)
				if (spins == 1000000)
					return -NB_EIO;
			w = mmio_read(RNG_DATA);
		}
		p[i] = (uint8_t)(w >> (i % 4 * 8));
	}
	return (long)len;
}

int mach_blk_count(void) { return disk >= 0; }

const char *
mach_blk_name(int dev)
{
	return dev == 0 && disk >= 0 ? "blk0" : NULL;
}

uint64_t
mach_blk_size(int dev)
{
	return dev == 0 && disk >= 0 ? disk_bytes : 0;
}

/* SYS_SEEK takes a 32-bit offset: the disk is used up to 2 GiB. */
int
mach_blk_rw(int dev, int write, uint64_t off, void *buf, size_t len)
{
	uint32_t seek_args[2] = { (uint32_t)disk, (uint32_t)off };
	uint32_t io_args[3] = { (uint32_t)disk, (uint32_t)(uintptr_t)buf, len };

	if (dev != 0 || disk < 0)
		return -NB_ENXIO;
	if (off % 512 != 0 || len % 512 != 0)
		return -NB_EINVAL;
	if (off > disk_bytes || len > disk_bytes - off || off + len > 0x80000000u)
		return -NB_EIO;
	if (semihost(SYS_SEEK, seek_args) != 0)
		return -NB_EIO;
	/* both return the count of bytes not transferred */
	if (semihost(write ? SYS_WRITE : SYS_READ, io_args) != 0)
		return -NB_EIO;
	return 0;
}

/* Semihosting writes go straight to the host file (QEMU write()s them):
   there is no cache in between to flush, and no call to sync the host's. */
int
mach_blk_flush(int dev)
{
	return dev == 0 && disk >= 0 ? 0 : -NB_ENXIO;
}

/* No packet device on the Raspberry Pi machines of QEMU. */
int mach_net_count(void) { return 0; }

void
mach_net_mac(int nic, uint8_t mac[6])
{
	int i;

	(void)nic;
	for (i = 0; i < 6; i++)
		mac[i] = 0;
}

int
mach_net_send(int nic, const void *frame, size_t len)
{
	(void)nic, (void)frame, (void)len;
	return -NB_ENXIO;
}

long
mach_net_recv(int nic, void *buf, size_t cap)
{
	(void)nic, (void)buf, (void)cap;
	return -NB_ENXIO;
}
