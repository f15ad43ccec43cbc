/* cpu.c -- aarch64 pieces every machine of the arch shares: contexts, interrupt masking, the generic timer, semihosting. */
#include "machine.h"
#include "aarch64.h"

uintptr_t aarch64_boot_fdt;
int aarch64_semihosting = 1;

void aarch64_ctx_start(void);

void
mach_ctx_make(struct mach_ctx *ctx, void *stack, size_t size,
    void (*entry)(void *), void *arg)
{
	for (int i = 0; i < 32; i++)
		ctx->reg[i] = 0;
	ctx->reg[0] = (uintptr_t)entry;		/* x19 */
	ctx->reg[1] = (uintptr_t)arg;		/* x20 */
	ctx->reg[11] = (uintptr_t)aarch64_ctx_start;	/* x30 */
	ctx->reg[12] = ((uintptr_t)stack + size) & ~(uintptr_t)15;	/* sp */
}

int
mach_irq_disable(void)
{
	uint64_t daif;

	__asm__ volatile("mrs %0, daif; msr daifset, #2" : "=r"(daif) :: "memory");
	return (daif & (1u << 7)) == 0;
}

void
mach_irq_restore(int was_enabled)
{
	if (was_enabled)
		__asm__ volatile("msr daifclr, #2" ::: "memory");
}

uint64_t
mach_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
}

uint64_t
mach_counter_hz(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

uint64_t
mach_mono_ns(void)
{
	uint64_t c = mach_counter(), f = mach_counter_hz();

	return c / f * 1000000000u + c % f * 1000000000u / f;
}

/* Counter value at mono ns (rounded up, so the timer never fires early). */
uint64_t
aarch64_counter_at(uint64_t ns)
{
	uint64_t f = mach_counter_hz();

	return ns / 1000000000u * f + ((ns % 1000000000u) * f + 999999999u) / 1000000000u;
}

/* Program the virtual timer to fire at counter value cval; 0 disables. */
void
aarch64_vtimer_set(uint64_t cval)
{
	if (cval == 0) {
		__asm__ volatile("msr cntv_ctl_el0, %0; isb" :: "r"((uint64_t)2));
		return;
	}
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
	    :: "r"(cval), "r"((uint64_t)1));
}

long
aarch64_semihost(long op, void *arg)
{
	register long x0 __asm__("x0") = op;
	register void *x1 __asm__("x1") = arg;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}


/* The arch layer is below the hypervisor (no bm_fatal): the UART, then exit. */
static _Noreturn void
cmdline_too_long(void)
{
	const char *m = "\nbaremetal: the command line does not fit in 8191 bytes"
	    " (semihosting); machine stopped\n";

	while (*m != '\0')
		mach_putc(*m++);
	mach_exit(1);
}

/*
 * The command line after the image's own name (semihosting's argv[0]).
 * Room for a long only= list after a long image path (a LAVA job's);
 * one that does not fit stops the machine: dropping it would run every
 * case, without the disk's bm.disk=.
 */
const char *
aarch64_semihost_cmdline(void)
{
	static char buf[CMDLINE_MAX + 1];
	struct { char *p; long len; } blk = { buf, sizeof(buf) - 1 };
	const char *p = buf;

	if (aarch64_semihost(0x15, &blk) != 0)	/* SYS_GET_CMDLINE */
		cmdline_too_long();
	buf[blk.len] = '\0';
	while (*p != ' ' && *p != '\0')
		p++;
	while (*p == ' ')
		p++;
	return p;
}

/* Under QEMU (-semihosting) the exit status goes out through semihosting;
   a board booted by a boot loader has none. */
void
mach_exit(int status)
{
	uint64_t blk[2] = { 0x20026, (uint64_t)(status & 0xff) };	/* ApplicationExit */

	mach_irq_disable();
	if (aarch64_semihosting)	/* a board has no one to report to */
		aarch64_semihost(0x18, blk);	/* SYS_EXIT */
	for (;;)
		aarch64_wfi();
}

/* Top of RAM: semihosting's SYS_HEAPINFO heap limit. */
uintptr_t
aarch64_ram_top(void)
{
	uint64_t info[4] = { 0, 0, 0, 0 };
	uint64_t *p = info;

	aarch64_semihost(0x16, &p);	/* SYS_HEAPINFO */
	return (uintptr_t)info[1];
}

void
aarch64_wfi(void)
{
	__asm__ volatile("dsb sy; wfi" ::: "memory");
}

/* What __builtin___clear_cache calls: make written code visible to fetches. */
void __clear_cache(void *start, void *end);

void
__clear_cache(void *start, void *end)
{
	(void)start;
	(void)end;
	__asm__ volatile("dsb ish; ic iallu; dsb ish; isb" ::: "memory");
}
