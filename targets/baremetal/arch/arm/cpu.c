/* cpu.c -- ARMv7-A CPU services: the virtual generic timer, interrupt mask, idle, contexts, semihosting (calls, exit), fault report. */
#include "machine.h"
#include "../../machine/common/common.h"
#include "arm.h"

#define CNTV_ENABLE	1u
#define CNTV_ISTATUS	4u
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

extern void arm_ctx_start(void);

static uint64_t cnt_hz, cnt_boot;
static struct tick_scale cnt_scale;

static uint64_t
cntvct(void)
{
	uint32_t lo, hi;

	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static void
cntv_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1; isb" :: "r"(v));
}

static uint32_t
cntv_ctl_read(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(v));
	return v;
}

void
arm_timer_init(void)
{
	uint32_t frq;

	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frq));	/* CNTFRQ */
	cnt_hz = frq;
	tick_scale_init(&cnt_scale, frq);
	cnt_boot = cntvct();
	cntv_ctl(0);
}

uint64_t mach_counter(void) { return cntvct(); }
uint64_t mach_counter_hz(void) { return cnt_hz; }
uint64_t mach_mono_ns(void) { return tick_scale_ns(&cnt_scale, cntvct() - cnt_boot); }

void
timer_oneshot(uint64_t deadline_ns)
{
	uint64_t cval;

	if (deadline_ns == 0) {
		cntv_ctl(0);
		return;
	}
	/* the first count at or after the deadline */
	cval = cnt_boot + deadline_ns / NS_PER_SEC * cnt_hz +
	    (deadline_ns % NS_PER_SEC * cnt_hz + NS_PER_SEC - 1) / NS_PER_SEC;
	__asm__ volatile("mcrr p15, 3, %0, %1, c14"	/* CNTV_CVAL */
	    :: "r"((uint32_t)cval), "r"((uint32_t)(cval >> 32)));
	cntv_ctl(CNTV_ENABLE);
}

/* The timer's level interrupt stays up while it is enabled and expired. */
void
arm_timer_irq(void)
{
	if (!(cntv_ctl_read() & CNTV_ISTATUS))
		return;
	cntv_ctl(0);
	alarm_tick();
}

void
cpu_idle(void)
{
	/* wfi wakes on a pending IRQ even masked; unmasking then takes it */
	__asm__ volatile("dsb; wfi; cpsie i; isb; cpsid i" ::: "memory");
}

int
mach_irq_disable(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr; cpsid i" : "=r"(cpsr) :: "memory");
	return !(cpsr & 0x80);
}

void
mach_irq_restore(int was_enabled)
{
	if (was_enabled)
		__asm__ volatile("cpsie i" ::: "memory");
}

void
mach_ctx_make(struct mach_ctx *ctx, void *stack, size_t size,
    void (*entry)(void *), void *arg)
{
	uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)7;
	int i;

	for (i = 0; i < 32; i++)
		ctx->reg[i] = 0;
	ctx->reg[0] = (uintptr_t)entry;		/* r4 */
	ctx->reg[1] = (uintptr_t)arg;		/* r5 */
	ctx->reg[8] = top;			/* sp */
	ctx->reg[9] = (uintptr_t)arm_ctx_start;	/* lr */
}

uintptr_t arm_boot_fdt;
int arm_semihosting = 1;

long
semihost(uint32_t op, const void *args)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = args;

	/* QEMU takes the call before the exception: lr_svc is kept, but the
	   compiler is told otherwise to be safe */
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
	return (long)(int32_t)r0;
}

/* What __builtin___clear_cache calls (a libcall on 32-bit ARM): make
   written code visible to fetches (ICIALLU; harmless with caches off). */
void __clear_cache(void *start, void *end);

void
__clear_cache(void *start, void *end)
{
	(void)start;
	(void)end;
	__asm__ volatile("dsb; mcr p15, 0, %0, c7, c5, 0; dsb; isb" :: "r"(0) : "memory");
}

/* Under QEMU's semihosting SYS_EXIT_EXTENDED passes any code (SYS_EXIT
   only 0/1), QEMU exits with its low 8 bits; a board has no one to report
   to: the KTAP said it all. */
_Noreturn void
mach_exit(int status)
{
	uint32_t args[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };

	if (arm_semihosting)
		semihost(SYS_EXIT_EXTENDED, args);
	for (;;)
		__asm__ volatile("cpsid if; wfi");
}

static void
puts_raw(const char *s)
{
	while (*s != '\0')
		mach_putc(*s++);
}

/* From the vectors: "MACHINE: exception: KIND lr ADDR", the image's hook,
   exit 125. */
_Noreturn void
arm_fault(const char *kind, uint32_t lr)
{
	int shift;

	puts_raw("\n");
	puts_raw(mach_name());
	puts_raw(": exception: ");
	puts_raw(kind);
	puts_raw(" lr 0x");
	for (shift = 28; shift >= 0; shift -= 4)
		mach_putc("0123456789abcdef"[lr >> shift & 0xf]);
	puts_raw("\n");
	if (baremetal_fault != NULL)
		baremetal_fault(kind);
	mach_exit(MACH_EXIT_FAULT);
}
