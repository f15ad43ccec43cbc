/* machine.h -- what one bare-metal machine gives the baremetal hypervisor. */
#ifndef BAREMETAL_MACHINE_H
#define BAREMETAL_MACHINE_H

/*
 * The contract between the hypervisor (the .c files of targets/baremetal, no machine
 * knowledge) and one machine's layer (targets/baremetal/machine/<name>/:
 * start code, UART, timers, interrupts, devices, exit). Freestanding: no
 * libc anywhere below this line.
 *
 * Boot: the machine's start code gives the boot CPU a stack, clears .bss,
 * calls mach_init(), then baremetal_main() (defined by whoever links the
 * image: the test environment), then mach_exit() with what it returned.
 * Only the boot CPU runs rumpuser code; other CPUs stay parked.
 *
 * Errors are negative errno values of the NetBSD numbering
 * (include/rump/netbsd_errno.h), so the hypervisor passes them on unchanged.
 */

#include <stddef.h>
#include <stdint.h>

/* The image's entry point into its user: the suite, the benchmarks. */
int baremetal_main(void);

/* --- identity, console, command line, exit ------------------------------- */
void mach_init(void);
const char *mach_name(void);		/* "virt-aarch64", "pc-x86_64", ... */
void mach_putc(char c);			/* blocking write to the UART */
const char *mach_cmdline(void);		/* -append or semihosting; "" if none */
_Noreturn void mach_exit(int status);	/* QEMU exits with status (low 8 bits
					   where the machine allows; see README) */

/* --- memory ---------------------------------------------------------------- */
/* The free RAM after the image: [*lo, *hi), page aligned. */
void mach_ram(uintptr_t *lo, uintptr_t *hi);
size_t mach_page_size(void);

/* --- time ------------------------------------------------------------------ */
uint64_t mach_mono_ns(void);		/* monotonic since boot, from the counter */
uint64_t mach_counter(void);		/* the raw counter (benchmarks' primitive) */
uint64_t mach_counter_hz(void);		/* read from the machine, never assumed */
/* Wall clock (PL031, CMOS RTC, semihosting SYS_TIME): 0, or -ENOTSUP. */
int mach_wall(int64_t *sec, long *nsec);
/*
 * Idle the CPU (wfi/hlt) until mach_mono_ns() >= deadline, with the timer
 * interrupt armed so the CPU really sleeps; may return early after any
 * interrupt (the caller loops).
 */
void mach_idle_until(uint64_t deadline_ns);
/*
 * The watchdog: at deadline (mono ns) a timer interrupt calls fire() even
 * while the CPU spins with interrupts enabled; 0 disarms. fire runs in
 * interrupt context and must not return into the hung code (it reports and
 * calls mach_exit).
 */
void mach_watchdog(uint64_t deadline_ns, void (*fire)(void));

/* --- random ---------------------------------------------------------------- */
/* Fill buf from the machine's generator (bcm2835 RNG, RDRAND, virtio-rng):
   len, or -ENOTSUP when the machine has none. */
long mach_random(void *buf, size_t len);

/* --- block devices (virtio-blk, semihosting host file) --------------------- */
int mach_blk_count(void);
const char *mach_blk_name(int dev);	/* the path rumpuser_open takes: "blk0" */
uint64_t mach_blk_size(int dev);	/* bytes */
/* Whole 512-byte sectors: off and len multiples of 512. 0 or -errno. */
int mach_blk_rw(int dev, int write, uint64_t off, void *buf, size_t len);
int mach_blk_flush(int dev);

/* --- network interfaces (virtio-net) --------------------------------------- */
int mach_net_count(void);
void mach_net_mac(int nic, uint8_t mac[6]);
int mach_net_send(int nic, const void *frame, size_t len);	/* 0 or -errno */
/* One frame into buf: its length, 0 when none is waiting, or -errno. */
long mach_net_recv(int nic, void *buf, size_t cap);

/* --- CPU contexts (cooperative threads) ------------------------------------ */
/* Big enough for the callee-saved registers of every supported arch. */
struct mach_ctx {
	uintptr_t reg[32];
};
/* Prepare ctx to start entry(arg) on [stack, stack + size). entry never
   returns (the hypervisor's thread exit switches away for good). */
void mach_ctx_make(struct mach_ctx *ctx, void *stack, size_t size,
    void (*entry)(void *), void *arg);
/* Save the running context in save, resume load. */
void mach_ctx_switch(struct mach_ctx *save, struct mach_ctx *load);

/*
 * An unexpected exception (a wild pointer, an undefined instruction): the
 * machine prints what it knows, calls baremetal_fault (when the image
 * defines it: it reports what was running), then mach_exit(MACH_EXIT_FAULT).
 */
void baremetal_fault(const char *what) __attribute__((__weak__));
#define MACH_EXIT_FAULT	125	/* after a line with "exception" on the console */

/* Interrupts on the boot CPU: returns the previous state for restore. */
int mach_irq_disable(void);
void mach_irq_restore(int was_enabled);

#endif /* BAREMETAL_MACHINE_H */
