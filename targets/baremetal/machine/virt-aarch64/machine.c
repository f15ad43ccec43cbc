/*
 * machine.c -- QEMU -M virt with a Cortex-A53 (aarch64): PL011 UART,
 * generic timer (virtual timer, GICv2 INTID 27), PL031 RTC, semihosting
 * for the command line, RAM size and exit; devices on virtio-mmio
 * (virtio.c).
 */
#include "machine.h"
#include "aarch64.h"
#include "virtio.h"

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

static uint64_t watchdog_at;		/* mono ns, 0 = none */
static void (*watchdog_fire)(void);
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

void
mach_init(void)
{
	gic_init();
	aarch64_vtimer_set(0);
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
mach_exit(int status)
{
	mach_irq_disable();
	aarch64_semihost_exit(status);
	for (;;)
		aarch64_wfi();
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

/* The timer fires at the earlier of deadline (0: none) and the watchdog. */
static void
arm_timer(uint64_t deadline)
{
	uint64_t at = watchdog_at;

	if (deadline != 0 && (at == 0 || deadline < at))
		at = deadline;
	aarch64_vtimer_set(at != 0 ? aarch64_counter_at(at) : 0);
}

void
mach_idle_until(uint64_t deadline_ns)
{
	int was = mach_irq_disable();

	if (mach_mono_ns() < deadline_ns) {
		arm_timer(deadline_ns);
		aarch64_wfi();		/* a pending interrupt wakes it, masked or not */
	}
	/* Take the interrupt now (the watchdog may be due), then rearm. */
	__asm__ volatile("msr daifclr, #2; isb; msr daifset, #2" ::: "memory");
	arm_timer(0);
	mach_irq_restore(was);
}

void
mach_watchdog(uint64_t deadline_ns, void (*fire)(void))
{
	int was = mach_irq_disable();

	watchdog_at = deadline_ns;
	watchdog_fire = fire;
	arm_timer(0);
	mach_irq_restore(was);
}

static void
fault(const char *what)
{
	uint64_t esr, elr, far;
	static const char hex[] = "0123456789abcdef";
	const char *names[] = { " esr=", " elr=", " far=" };
	uint64_t vals[3];

	__asm__ volatile("mrs %0, esr_el1; mrs %1, elr_el1; mrs %2, far_el1"
	    : "=r"(esr), "=r"(elr), "=r"(far));
	vals[0] = esr, vals[1] = elr, vals[2] = far;
	for (const char *p = "\r\nvirt-aarch64: unexpected exception: "; *p; p++)
		mach_putc(*p);
	for (const char *p = what; *p; p++)
		mach_putc(*p);
	for (int i = 0; i < 3; i++) {
		for (const char *p = names[i]; *p; p++)
			mach_putc(*p);
		for (int s = 60; s >= 0; s -= 4)
			mach_putc(hex[(vals[i] >> s) & 15]);
	}
	mach_putc('\r');
	mach_putc('\n');
	if (baremetal_fault != NULL)
		baremetal_fault(what);
	mach_exit(MACH_EXIT_FAULT);
}

void
aarch64_exception(int kind)
{
	static const char *const kinds[] = { "sync", "irq", "fiq", "serror", "from a lower EL" };
	uint32_t iar;

	if (kind != 1)
		fault(kinds[kind]);
	iar = rd32(GICC + 0x00c);
	if ((iar & 0x3ff) == VTIMER_IRQ) {
		aarch64_vtimer_set(0);
		if (watchdog_at != 0 && mach_mono_ns() >= watchdog_at && watchdog_fire != NULL) {
			wr32(GICC + 0x010, iar);
			watchdog_fire();
		}
		arm_timer(0);
	}
	if ((iar & 0x3ff) < 1020)
		wr32(GICC + 0x010, iar);	/* EOI */
}
