/* arm.h -- ARMv7-A CPU services the 32-bit ARM machine layers use: generic timer, semihosting, faults. */
#ifndef BAREMETAL_ARM_H
#define BAREMETAL_ARM_H

#include <stdint.h>

/* Semihosting operations (ARM "Semihosting for AArch32 and AArch64"). */
#define SYS_OPEN		0x01
#define SYS_WRITE		0x05
#define SYS_READ		0x06
#define SYS_SEEK		0x0a
#define SYS_FLEN		0x0c
#define SYS_TIME		0x11
#define SYS_GET_CMDLINE		0x15
#define SYS_EXIT_EXTENDED	0x20

/* r2 at entry: the device tree a boot loader passed (bootm), else 0. */
extern uintptr_t arm_boot_fdt;
/* 0 once a board booted by a boot loader says semihosting would trap. */
extern int arm_semihosting;

/* The semihosting call op with its parameter block: what r0 returns. */
long semihost(uint32_t op, const void *args);

/* cpu.c: the generic timer (virtual), started at boot; its interrupt
   line is the board's business, which calls arm_timer_irq. */
void arm_timer_init(void);
void arm_timer_irq(void);

static inline void mmio_write(uintptr_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_read(uintptr_t a) { return *(volatile uint32_t *)a; }

/* Given by the board: the IRQ exception's handler (IRQs masked). */
void arm_irq_handler(void);
/* cpu.c, from the vectors: an unexpected exception (kind: "undefined",
   ...) reported with mach_name(), then mach_exit(MACH_EXIT_FAULT). */
_Noreturn void arm_fault(const char *kind, uint32_t lr);

#endif /* BAREMETAL_ARM_H */
