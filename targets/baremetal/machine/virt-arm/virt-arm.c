/* virt-arm.c -- QEMU -M virt with a Cortex-A15 (ARMv7-A): PL011 UART, PL031 RTC, GICv2, semihosting command line and RAM (exit and faults: ../../arch/arm); devices on virtio-mmio (../common/virtio_mmio.c). */
#include "machine.h"
#include "../common/common.h"
#include "../common/virtio_mmio.h"
#include "../../arch/arm/arm.h"

#define UART_DR		0x09000000u
#define UART_FR		0x09000018u
#define FR_TXFF		(1u << 5)
#define RTC_DR		0x09010000u	/* PL031: seconds since the epoch */
#define GICD		0x08000000u
#define GICC		0x08010000u
#define VTIMER_IRQ	27		/* the virtual timer's PPI 11 */
#define SYS_HEAPINFO	0x16
#define CMDLINE_MAX	8191
#define PAGE		4096u

extern char _end[];

static const char *cmdline = "";
static uintptr_t ram_lo, ram_hi;

void
mach_putc(char c)
{
	while (mmio_read(UART_FR) & FR_TXFF)
		;
	mmio_write(UART_DR, (uint8_t)c);
}

static void
puts_raw(const char *s)
{
	while (*s != '\0')
		mach_putc(*s++);
}

/* Distributor and CPU interface on, the virtual timer's PPI enabled. */
static void
gic_init(void)
{
	mmio_write(GICD + 0x000, 1);
	mmio_write(GICD + 0x100, 1u << VTIMER_IRQ);		/* ISENABLER0 */
	*(volatile uint8_t *)(GICD + 0x400 + VTIMER_IRQ) = 0xa0;	/* priority */
	mmio_write(GICC + 0x004, 0xff);				/* PMR: all */
	mmio_write(GICC + 0x000, 1);
}

/* RAM: from the image's end to the heap limit semihosting reports (the
   end of the RAM QEMU was given with -m). */
static void
ram_from_semihosting(void)
{
	uint32_t info[4] = { 0, 0, 0, 0 };
	uint32_t *block = info;

	semihost(SYS_HEAPINFO, &block);
	ram_lo = ((uintptr_t)_end + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	ram_hi = info[1] & ~(uintptr_t)(PAGE - 1);
	if (ram_hi <= ram_lo)
		ram_hi = ram_lo;
}

/* SYS_GET_CMDLINE gives "IMAGE APPEND...": the user's part follows the
   first word. One that does not fit stops the machine (a lost only= list
   would run every case). */
static void
cmdline_read(void)
{
	static char buf[CMDLINE_MAX + 1];
	uint32_t args[2] = { (uint32_t)(uintptr_t)buf, CMDLINE_MAX };
	const char *p = buf;

	if (semihost(SYS_GET_CMDLINE, args) != 0) {
		puts_raw("\nvirt-arm: the command line does not fit in 8191 bytes"
		    " (semihosting); machine stopped\n");
		mach_exit(1);
	}
	buf[args[1] <= CMDLINE_MAX ? args[1] : CMDLINE_MAX] = '\0';
	while (*p != ' ' && *p != '\0')
		p++;
	while (*p == ' ')
		p++;
	cmdline = p;
}

void
mach_init(void)
{
	arm_timer_init();
	gic_init();
	ram_from_semihosting();
	cmdline_read();
	wall_set_base(mmio_read(RTC_DR));
	virtio_probe();
	mach_irq_restore(1);	/* machine.h: enabled from here on */
}

const char *mach_name(void) { return "virt-arm"; }
const char *mach_cmdline(void) { return cmdline; }
size_t mach_page_size(void) { return PAGE; }

void
mach_ram(uintptr_t *lo, uintptr_t *hi)
{
	*lo = ram_lo;
	*hi = ram_hi;
}

/* Acknowledge, dispatch, end: the timer's handler may never return (a
   watchdog report exits), so the interrupt is ended before it runs. */
void
arm_irq_handler(void)
{
	uint32_t iar = mmio_read(GICC + 0x00c);

	if ((iar & 0x3ff) >= 1020)
		return;		/* spurious */
	mmio_write(GICC + 0x010, iar);
	if ((iar & 0x3ff) == VTIMER_IRQ)
		arm_timer_irq();
}
