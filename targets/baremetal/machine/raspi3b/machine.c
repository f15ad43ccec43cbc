/*
 * machine.c -- QEMU -M raspi3b (BCM2837, Cortex-A53, aarch64; entered at
 * EL3, start.S drops to EL1): PL011 UART0, the generic timer's virtual
 * timer through the BCM2836 local interrupt controller, the bcm2835 RNG,
 * semihosting for the command line, wall clock, exit and a block device
 * (a host file named by the leading bm.disk=PATH word). No network device.
 * Started by a boot loader (U-Boot's booti: x0 holds a device tree) it is
 * on a real board, where semihosting would trap: the command line and
 * the wall clock's start are the tree's, there is no exit (it parks) and
 * no disk.
 */
#include <string.h>

#include "machine.h"
#include "aarch64.h"
#include "../common/fdt.h"
#include "rump/netbsd_errno.h"

#define PERI		0x3f000000u
#define UART		(PERI + 0x201000u)
#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1u << 5)
#define RNG		(PERI + 0x104000u)
#define RNG_CTRL	0x0
#define RNG_STATUS	0x4
#define RNG_DATA	0x8
#define LOCAL_TIMER_CTL	0x40000040u	/* core 0 timer interrupt control */
#define LOCAL_IRQ_SRC	0x40000060u	/* core 0 interrupt source */
#define CNTV_IRQ	(1u << 3)
#define VC_RAM		0x3c000000u	/* the GPU's share starts here */
#define PAGE		4096u

#define SYS_OPEN	0x01
#define SYS_WRITE	0x05
#define SYS_READ	0x06
#define SYS_SEEK	0x0a
#define SYS_FLEN	0x0c
#define SYS_TIME	0x11

extern char __image_end[];

static const char *cmdline;
static char board_cmdline[CMDLINE_MAX + 1];
static uintptr_t board_ram_top;
static int64_t board_epoch = -1;	/* wall clock seconds at boot */
static long disk = -1;		/* semihosting handle of the host file */
static uint64_t disk_size;

const char *
mach_name(void)
{
	return "raspi3b";
}

void
mach_putc(char c)
{
	while (*(volatile uint32_t *)(UART + UART_FR) & UART_FR_TXFF)
		continue;
	*(volatile uint32_t *)(UART + UART_DR) = (uint8_t)c;
}

/* The leading bm.disk=PATH word (qemu.args puts it first): PATH into path,
   and the command line the image sees starts after it. */
static int
disk_path(char *path, size_t len)
{
	static const char key[] = "bm.disk=";
	size_t n, klen = sizeof(key) - 1;

	for (n = 0; n < klen; n++)
		if (cmdline[n] != key[n])
			return 0;
	for (n = 0; cmdline[klen + n] != ' ' && cmdline[klen + n] != '\0' && n + 1 < len; n++)
		path[n] = cmdline[klen + n];
	path[n] = '\0';
	for (cmdline += klen + n; *cmdline == ' '; cmdline++)
		continue;
	return n > 0;
}

static void
disk_open(void)
{
	static char path[256];
	long blk[3];
	size_t n;

	if (!disk_path(path, sizeof(path)))
		return;
	for (n = 0; path[n] != '\0'; n++)
		continue;
	blk[0] = (long)path, blk[1] = 3, blk[2] = (long)n;	/* "r+b" */
	if ((disk = aarch64_semihost(SYS_OPEN, blk)) < 0)
		return;
	blk[0] = disk;
	disk_size = (uint64_t)aarch64_semihost(SYS_FLEN, blk) & ~(uint64_t)511;
}

/*
 * What the boot loader's device tree says, copied before the heap may
 * cover it: the command line is /chosen's rumpcheck,args (the job's own
 * tree carries it; U-Boot rewrites bootargs with the lab's) or bootargs;
 * the RAM is /memory's first bank (U-Boot writes the board's there); a
 * Pi has no real-time clock: rumpcheck,epoch is the wall clock when the
 * job was made (behind by the time it waited for the board).
 */
static void
board_init(const void *fdt)
{
	const char *args = fdt_chosen(fdt, "rumpcheck,args");
	uint64_t base, size;
	int64_t epoch;
	size_t n;

	if (args == NULL)
		args = fdt_chosen(fdt, "bootargs");
	for (n = 0; args != NULL && args[n] != '\0' && n + 1 < sizeof(board_cmdline); n++)
		board_cmdline[n] = args[n];
	cmdline = board_cmdline;
	if (fdt_chosen_epoch(fdt, &epoch) == 0)
		board_epoch = epoch;
	if (fdt_memory(fdt, &base, &size) == 0 && base == 0 && size > 0)
		board_ram_top = (uintptr_t)size;
	aarch64_semihosting = 0;
}

void
mach_init(void)
{
	*(volatile uint32_t *)(RNG + RNG_STATUS) = 0x40000;	/* warm-up count */
	*(volatile uint32_t *)(RNG + RNG_CTRL) = 1;
	*(volatile uint32_t *)LOCAL_TIMER_CTL = CNTV_IRQ;
	aarch64_vtimer_set(0);
	if (fdt_valid((const void *)aarch64_boot_fdt)) {
		board_init((const void *)aarch64_boot_fdt);
	} else {
		cmdline = aarch64_semihost_cmdline();
		disk_open();
	}
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

const char *
mach_cmdline(void)
{
	return cmdline;
}

void
mach_ram(uintptr_t *lo, uintptr_t *hi)
{
	uintptr_t top = aarch64_semihosting ? aarch64_ram_top() : board_ram_top;

	*lo = ((uintptr_t)__image_end + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	*hi = (top == 0 || top > VC_RAM ? VC_RAM : top) & ~(uintptr_t)(PAGE - 1);
}

size_t
mach_page_size(void)
{
	return PAGE;
}

int
mach_wall(int64_t *sec, long *nsec)
{
	if (!aarch64_semihosting) {
		if (board_epoch < 0)
			return -NB_ENOTSUP;	/* a Raspberry Pi has no real-time clock */
		*sec = board_epoch + (int64_t)(mach_mono_ns() / 1000000000u);
		*nsec = (long)(mach_mono_ns() % 1000000000u);
		return 0;
	}
	*sec = aarch64_semihost(SYS_TIME, NULL);
	*nsec = 0;
	return 0;
}

void
aarch64_irq(void)
{
	if (*(volatile uint32_t *)LOCAL_IRQ_SRC & CNTV_IRQ)
		aarch64_vtimer_irq(NULL);
}

long
mach_random(void *buf, size_t len)
{
	uint8_t *p = buf;
	uint32_t w;

	for (size_t i = 0; i < len; i += 4) {
		while ((*(volatile uint32_t *)(RNG + RNG_STATUS) >> 24) == 0)
			continue;
		w = *(volatile uint32_t *)(RNG + RNG_DATA);
		for (size_t j = 0; j < 4 && i + j < len; j++)
			p[i + j] = (uint8_t)(w >> (8 * j));
	}
	return (long)len;
}

/* --- the block device: a host file through semihosting ---------------------- */

int
mach_blk_count(void)
{
	return disk >= 0;
}

const char *
mach_blk_name(int dev)
{
	(void)dev;
	return "blk0";
}

uint64_t
mach_blk_size(int dev)
{
	(void)dev;
	return disk_size;
}

int
mach_blk_rw(int dev, int write, uint64_t off, void *buf, size_t len)
{
	long blk[3] = { disk, (long)off, 0 };

	if (dev != 0 || disk < 0)
		return -6;	/* ENXIO */
	if (off % 512 != 0 || len % 512 != 0)
		return -22;	/* EINVAL */
	if (off + len > disk_size)
		return -28;	/* ENOSPC */
	if (aarch64_semihost(SYS_SEEK, blk) != 0)
		return -5;
	blk[1] = (long)buf, blk[2] = (long)len;
	/* READ and WRITE return the bytes not transferred. */
	return aarch64_semihost(write ? SYS_WRITE : SYS_READ, blk) == 0 ? 0 : -5;
}

/* Semihosting has no flush: every write is in the host's file when it returns. */
int
mach_blk_flush(int dev)
{
	return dev == 0 && disk >= 0 ? 0 : -6;
}

/* --- no network device on the Raspberry Pi under QEMU ------------------------- */

int
mach_net_count(void)
{
	return 0;
}

void
mach_net_mac(int nic, uint8_t mac[6])
{
	(void)nic;
	memset(mac, 0, 6);
}

int
mach_net_send(int nic, const void *frame, size_t len)
{
	(void)nic; (void)frame; (void)len;
	return -6;
}

long
mach_net_recv(int nic, void *buf, size_t cap)
{
	(void)nic; (void)buf; (void)cap;
	return -6;
}
