/* aarch64.h -- what the aarch64 machines share (cpu.c, start.S). */
#ifndef BM_AARCH64_H
#define BM_AARCH64_H

#include <stdint.h>

#define CMDLINE_MAX	8191	/* command line bytes, without the NUL */

/* x0 at entry: the device tree a boot loader passed (booti), else 0. */
extern uintptr_t aarch64_boot_fdt;
/* 0 once a board booted by a boot loader says semihosting would trap. */
extern int aarch64_semihosting;

uint64_t aarch64_counter_at(uint64_t ns);
void aarch64_vtimer_set(uint64_t cval);
long aarch64_semihost(long op, void *arg);
const char *aarch64_semihost_cmdline(void);
uintptr_t aarch64_ram_top(void);
void aarch64_wfi(void);
/* From the vectors: kind 0 sync, 1 irq, 2 fiq, 3 serror, 4 lower EL. */
void aarch64_exception(int kind);
/* The machine's interrupt dispatch (an IRQ came). */
void aarch64_irq(void);
/* The virtual timer's interrupt, from aarch64_irq; eoi (may be NULL)
   acknowledges it before a watchdog report that never returns. */
void aarch64_vtimer_irq(void (*eoi)(void));

static inline uint32_t
rd32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void
wr32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

#endif /* BM_AARCH64_H */
