/* alarm.c -- mach_idle_until and mach_watchdog share the machine's one timer: it is set for the nearer deadline. */
#include "machine.h"
#include "common.h"

static volatile uint64_t idle_at;	/* 0: nobody idles */
static volatile uint64_t dog_at;	/* 0: the watchdog is disarmed */
static void (*volatile dog_fire)(void);

/* Interrupts disabled. */
static void
alarm_program(void)
{
	uint64_t next = idle_at;

	if (dog_at != 0 && (next == 0 || dog_at < next))
		next = dog_at;
	timer_oneshot(next);
}

void
mach_watchdog(uint64_t deadline_ns, void (*fire)(void))
{
	int was = mach_irq_disable();

	dog_fire = fire;
	dog_at = fire != NULL ? deadline_ns : 0;
	alarm_program();
	mach_irq_restore(was);
}

void
mach_idle_until(uint64_t deadline_ns)
{
	int was = mach_irq_disable();

	if (mach_mono_ns() < deadline_ns) {
		idle_at = deadline_ns;
		alarm_program();
		cpu_idle();
		idle_at = 0;
		alarm_program();
	}
	mach_irq_restore(was);
}

void
alarm_tick(void)
{
	uint64_t now = mach_mono_ns();
	void (*fire)(void) = dog_fire;

	if (dog_at != 0 && now >= dog_at) {
		dog_at = 0;
		dog_fire = NULL;
		alarm_program();
		fire();		/* does not return into the hung code */
		return;
	}
	/* The sleeper is done: a past deadline left armed would fire again
	   and again until it runs. */
	if (idle_at != 0 && now >= idle_at)
		idle_at = 0;
	alarm_program();
}
