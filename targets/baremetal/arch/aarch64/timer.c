/*
 * timer.c -- what every aarch64 machine does with the generic timer's
 * virtual timer: idle until a deadline, the watchdog, and unexpected
 * exceptions. The machine routes the timer's interrupt here
 * (aarch64_vtimer_irq) from its interrupt controller (aarch64_irq).
 */
#include "machine.h"
#include "aarch64.h"

static uint64_t watchdog_at;		/* mono ns, 0 = none */
static void (*watchdog_fire)(void);

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

void
aarch64_vtimer_irq(void (*eoi)(void))
{
	aarch64_vtimer_set(0);
	if (watchdog_at != 0 && mach_mono_ns() >= watchdog_at && watchdog_fire != NULL) {
		if (eoi != NULL)
			eoi();
		watchdog_fire();	/* reports and exits: never returns */
	}
	arm_timer(0);
}

static void
puts_raw(const char *s)
{
	while (*s != '\0')
		mach_putc(*s++);
}

static void
fault(const char *what)
{
	static const char hex[] = "0123456789abcdef";
	static const char *const names[] = { " esr=", " elr=", " far=" };
	uint64_t v[3];

	__asm__ volatile("mrs %0, esr_el1; mrs %1, elr_el1; mrs %2, far_el1"
	    : "=r"(v[0]), "=r"(v[1]), "=r"(v[2]));
	puts_raw("\r\n");
	puts_raw(mach_name());
	puts_raw(": unexpected exception: ");
	puts_raw(what);
	for (int i = 0; i < 3; i++) {
		puts_raw(names[i]);
		for (int s = 60; s >= 0; s -= 4)
			mach_putc(hex[(v[i] >> s) & 15]);
	}
	puts_raw("\r\n");
	if (baremetal_fault != NULL)
		baremetal_fault(what);
	mach_exit(MACH_EXIT_FAULT);
}

void
aarch64_exception(int kind)
{
	static const char *const kinds[] = { "sync", "irq", "fiq", "serror", "lower-EL" };

	if (kind != 1)
		fault(kinds[kind]);
	aarch64_irq();
}
