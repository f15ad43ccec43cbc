/* cpu.c -- x86_64 CPU services: IDT, local APIC one-shot timer, interrupt flag, RDRAND, cooperative contexts. */
#include "machine.h"
#include "../../machine/common/common.h"
#include "rump/netbsd_errno.h"
#include "x86.h"

#define TIMER_VECTOR	0x40
#define SPURIOUS_VECTOR	0xff
#define NVEC_TABLE	34		/* x86_isr_table: 0..31, timer, spurious */

#define LAPIC_SVR	0x0f0
#define LAPIC_EOI	0x0b0
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_INITCNT	0x380
#define LAPIC_CURCNT	0x390
#define LAPIC_DIVIDE	0x3e0
#define LVT_MASKED	0x10000

struct trapframe {
	uint64_t r11, r10, r9, r8, rdi, rsi, rdx, rcx, rax;
	uint64_t vector, error, rip, cs, rflags, rsp, ss;
};

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
};

extern const uint64_t x86_isr_table[NVEC_TABLE];
extern void x86_ctx_start(void);
void x86_trap(struct trapframe *tf);

static struct idt_gate idt[256];
static volatile uint32_t *lapic;
static uint64_t lapic_hz;		/* timer ticks per second, divide by 1 */

static void
idt_set(unsigned vec, uint64_t handler)
{
	idt[vec] = (struct idt_gate){
		.off_lo = handler & 0xffff, .sel = 0x08, .type = 0x8e,
		.off_mid = handler >> 16 & 0xffff, .off_hi = handler >> 32,
	};
}

static void
idt_load(void)
{
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } ptr = {
		sizeof(idt) - 1, (uint64_t)(uintptr_t)idt,
	};
	unsigned v;

	for (v = 0; v < 32; v++)
		idt_set(v, x86_isr_table[v]);
	idt_set(TIMER_VECTOR, x86_isr_table[32]);
	idt_set(SPURIOUS_VECTOR, x86_isr_table[33]);
	__asm__ volatile("lidt %0" :: "m"(ptr));
}

static void lapic_write(unsigned reg, uint32_t v) { lapic[reg / 4] = v; }
static uint32_t lapic_read(unsigned reg) { return lapic[reg / 4]; }

/* The APIC timer's rate is not architectural: count it against the
   machine's monotonic clock for 5 ms (both run on QEMU's virtual clock). */
static void
lapic_calibrate(void)
{
	uint64_t t0, t1;
	uint32_t left;

	lapic_write(LAPIC_DIVIDE, 0xb);		/* divide by 1 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
	t0 = mach_mono_ns();
	lapic_write(LAPIC_INITCNT, 0xffffffff);
	do
		t1 = mach_mono_ns();
	while (t1 - t0 < 5000000);
	left = lapic_read(LAPIC_CURCNT);
	lapic_write(LAPIC_INITCNT, 0);
	lapic_hz = (uint64_t)(0xffffffffu - left) * NS_PER_SEC / (t1 - t0);
	lapic_write(LAPIC_LVT_TIMER, TIMER_VECTOR);	/* one-shot, unmasked */
}

/* The 8259 pair still maps the PIT to vector 8 (SeaBIOS): mask them all
   so only the local APIC interrupts. */
static void
pic_mask_all(void)
{
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void
x86_cpu_init(void)
{
	pic_mask_all();
	idt_load();
	lapic = (volatile uint32_t *)(uintptr_t)(rdmsr(0x1b) & ~0xfffull);
	lapic_write(LAPIC_SVR, 0x100 | SPURIOUS_VECTOR);
	lapic_calibrate();
}

void
timer_oneshot(uint64_t deadline_ns)
{
	uint64_t now, delta;

	if (deadline_ns == 0) {
		lapic_write(LAPIC_INITCNT, 0);
		return;
	}
	now = mach_mono_ns();
	delta = deadline_ns > now ? deadline_ns - now : 0;
	if (delta > NS_PER_SEC)		/* 32-bit count; early is allowed */
		delta = NS_PER_SEC;
	lapic_write(LAPIC_INITCNT, (uint32_t)(delta * lapic_hz / NS_PER_SEC) + 1);
}

void
cpu_idle(void)
{
	/* sti takes effect after hlt starts: no wakeup is lost between. */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

void
x86_trap(struct trapframe *tf)
{
	if (tf->vector == SPURIOUS_VECTOR)
		return;
	if (tf->vector == TIMER_VECTOR) {
		lapic_write(LAPIC_EOI, 0);
		alarm_tick();
		return;
	}
	x86_fault((unsigned)tf->vector, tf->error, tf->rip);
}

int
mach_irq_disable(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; pop %0; cli" : "=r"(flags) :: "memory");
	return (flags & 0x200) != 0;
}

void
mach_irq_restore(int was_enabled)
{
	if (was_enabled)
		__asm__ volatile("sti" ::: "memory");
}

long
mach_random(void *buf, size_t len)
{
	uint32_t r[4];
	uint8_t *p = buf;
	size_t i;
	uint64_t v;
	unsigned char ok;
	int tries;

	cpuid(1, r);
	if (!(r[2] & 1u << 30))		/* no RDRAND: not -cpu max */
		return -NB_ENOTSUP;
	for (i = 0; i < len; i++) {
		if (i % 8 == 0) {
			/* RDRAND may fail transiently: retry, as Intel advises */
			for (tries = 0; tries < 10; tries++) {
				__asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
				if (ok)
					break;
			}
			if (!ok)
				return -NB_EIO;
		}
		p[i] = (uint8_t)(v >> (i % 8 * 8));
	}
	return (long)len;
}

void
mach_ctx_make(struct mach_ctx *ctx, void *stack, size_t size,
    void (*entry)(void *), void *arg)
{
	uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)15;

	/* ret pops x86_ctx_start and leaves %rsp 16-byte aligned for its call */
	top -= 8;
	*(uintptr_t *)top = (uintptr_t)x86_ctx_start;
	*ctx = (struct mach_ctx){ .reg = {
		[2] = (uintptr_t)entry, [3] = (uintptr_t)arg, [6] = top,
	} };
}
