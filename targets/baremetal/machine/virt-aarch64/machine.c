/*
 * machine.c -- QEMU -M virt with a Cortex-A53 (aarch64): PL011 UART,
 * generic timer (virtual timer, GICv2 INTID 27), PL031 RTC, semihosting
 * for the command line, RAM size and exit; devices on virtio-mmio
 * (../common/virtio_mmio.c). Started by U-Boot's booti (x0 holds a device tree), the
 * command line is the tree's /chosen rumpcheck,args (the job's own tree).
 */
#include "machine.h"
#include "aarch64.h"
#include "../common/virtio_mmio.h"
#include "../common/fdt.h"

#define UART		0x09000000u
#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1u << 5)
#define RTC		0x09010000u
#define GICD		0x08000000u
#define GICC		0x08010000u
#define VTIMER_IRQ	27
#define PAGE		4096u

extern char __image_end[];

static const char *cmdline;

const char *
mach_name(void)
{
	return "virt-aarch64";
}

void
mach_putc(char c)
{
	while (rd32(UART + UART_FR) & UART_FR_TXFF)
		continue;
	wr32(UART + UART_DR, (uint8_t)c);
}

static void
gic_init(void)
{
	wr32(GICD + 0x000, 1);				/* distributor on */
	wr32(GICD + 0x100, 1u << VTIMER_IRQ);		/* ISENABLER0 */
	*(volatile uint8_t *)(GICD + 0x400 + VTIMER_IRQ) = 0xa0;	/* priority */
	wr32(GICC + 0x004, 0xff);			/* PMR: everything */
	wr32(GICC + 0x000, 1);				/* CPU interface on */
}

/* A boot loader's device tree's rumpcheck,args, copied before the heap
   may cover the tree; NULL when there is none. */
static const char *
loader_cmdline(const void *fdt)
{
	static char buf[CMDLINE_MAX + 1];
	const char *args;
	size_t n;

	if (!fdt_valid(fdt) || (args = fdt_chosen(fdt, "rumpcheck,args")) == NULL)
		return NULL;
	for (n = 0; args[n] != '\0' && n + 1 < sizeof(buf); n++)
		buf[n] = args[n];
	return buf;
}

void
mach_init(void)
{
	gic_init();
	aarch64_vtimer_set(0);
	cmdline = loader_cmdline((const void *)aarch64_boot_fdt);
	if (cmdline == NULL)
		cmdline = aarch64_semihost_cmdline();
	virtio_probe();
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
	*lo = ((uintptr_t)__image_end + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	*hi = aarch64_ram_top() & ~(uintptr_t)(PAGE - 1);
}

size_t
mach_page_size(void)
{
	return PAGE;
}

int
mach_wall(int64_t *sec, long *nsec)
{
	*sec = rd32(RTC);
	*nsec = 0;
	return 0;
}

static uint32_t pending_iar;

static void
gic_eoi(void)
{
	wr32(GICC + 0x010, pending_iar);
}

void
aarch64_irq(void)
{
	pending_iar = rd32(GICC + 0x00c);
	if ((pending_iar & 0x3ff) == VTIMER_IRQ)
		aarch64_vtimer_irq(gic_eoi);
	if ((pending_iar & 0x3ff) < 1020)
		gic_eoi();
}
