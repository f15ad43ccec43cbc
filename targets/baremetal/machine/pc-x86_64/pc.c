/* pc.c -- the QEMU pc machine: PVH boot info, COM1, HPET, CMOS RTC, isa-debug-exit, ACPI off. */
#include "machine.h"
#include "../common/common.h"
#include "../../arch/x86_64/x86.h"
#include "pc.h"

#define COM1		0x3f8
#define HPET_BASE	0xfed00000ul
#define DEBUG_EXIT_PORT	0xf4		/* -device isa-debug-exit,iobase=0xf4,iosize=4 */
#define ACPI_PM1A_CNT	0x604		/* QEMU pc (PIIX4) */
#define E820_RAM	1
#define PVH_MAGIC	0x336ec578

struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr;		/* version >= 1 */
	uint32_t memmap_entries, reserved;
};

struct hvm_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

extern uint32_t pvh_start_info;		/* start.S: %ebx at entry */
extern char _end[];

static char cmdline[4096];
static uintptr_t ram_lo, ram_hi;
static uint64_t hpet_hz;
static struct tick_scale hpet_scale;

static volatile uint64_t *
hpet_reg(unsigned off)
{
	return (volatile uint64_t *)(HPET_BASE + off);
}

static void
com1_init(void)
{
	outb(COM1 + 1, 0x00);		/* no UART interrupts */
	outb(COM1 + 3, 0x80);		/* divisor latch: 115200 */
	outb(COM1 + 0, 0x01);
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);		/* 8N1 */
	outb(COM1 + 2, 0x07);		/* FIFOs on, cleared */
}

void
mach_putc(char c)
{
	while (!(inb(COM1 + 5) & 0x20))
		;
	outb(COM1, (uint8_t)c);
}

static void
puts_raw(const char *s)
{
	while (*s != '\0')
		mach_putc(*s++);
}

static void
put_hex(uint64_t v)
{
	int shift;

	puts_raw("0x");
	for (shift = 60; shift >= 0; shift -= 4)
		mach_putc("0123456789abcdef"[v >> shift & 0xf]);
}

/* The command line and the memory map live in memory the hypervisor will
   be given: take what is needed before anything allocates. */
static void
pvh_read(void)
{
	const struct hvm_start_info *si =
	    (const void *)(uintptr_t)pvh_start_info;
	const struct hvm_memmap_entry *mm;
	const char *s;
	uintptr_t end = ((uintptr_t)_end + 4095) & ~(uintptr_t)4095;
	uint64_t top;
	size_t i;

	if (si == NULL || si->magic != PVH_MAGIC)
		return;
	if (si->cmdline_paddr != 0) {
		s = (const char *)(uintptr_t)si->cmdline_paddr;
		for (i = 0; i + 1 < sizeof(cmdline) && s[i] != '\0'; i++)
			cmdline[i] = s[i];
	}
	if (si->version < 1)
		return;
	mm = (const void *)(uintptr_t)si->memmap_paddr;
	for (i = 0; i < si->memmap_entries; i++) {
		if (mm[i].type != E820_RAM || mm[i].addr > end ||
		    mm[i].addr + mm[i].size <= end)
			continue;
		top = mm[i].addr + mm[i].size;
		if (top > 0x100000000ull)	/* only 4 GiB are mapped */
			top = 0x100000000ull;
		ram_lo = end;
		ram_hi = (uintptr_t)top & ~(uintptr_t)4095;
	}
}

static void
hpet_init(void)
{
	uint64_t period_fs = *hpet_reg(0x000) >> 32;	/* femtoseconds */

	hpet_hz = 1000000000000000ull / period_fs;
	tick_scale_init(&hpet_scale, hpet_hz);
	*hpet_reg(0x010) |= 1;				/* counter on */
}

static unsigned
cmos_read(unsigned reg)
{
	outb(0x70, (uint8_t)reg);
	return inb(0x71);
}

static unsigned
bcd(unsigned v, int binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 0xf);
}

/* Seconds since the epoch from the RTC, read twice to dodge an update. */
static int64_t
cmos_epoch(void)
{
	unsigned t[7], u[7], i, regs[7] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 };
	int binary = cmos_read(0x0b) & 0x04, same;

	do {
		while (cmos_read(0x0a) & 0x80)	/* update in progress */
			;
		for (i = 0; i < 7; i++)
			t[i] = cmos_read(regs[i]);
		same = 1;
		for (i = 0; i < 7; i++) {
			u[i] = cmos_read(regs[i]);
			same &= u[i] == t[i];
		}
	} while (!same);
	for (i = 0; i < 7; i++)
		t[i] = bcd(t[i], binary);
	return days_from_civil(t[6] * 100 + t[5], t[4], t[3]) * 86400 +
	    t[2] * 3600 + t[1] * 60 + t[0];
}

void
mach_init(void)
{
	com1_init();
	pvh_read();
	hpet_init();
	x86_cpu_init();
	wall_set_base(cmos_epoch());
	pc_virtio_init();
	mach_irq_restore(1);	/* machine.h: enabled from here on */
}

const char *mach_name(void) { return "pc-x86_64"; }
const char *mach_cmdline(void) { return cmdline; }
size_t mach_page_size(void) { return 4096; }

void
mach_ram(uintptr_t *lo, uintptr_t *hi)
{
	*lo = ram_lo;
	*hi = ram_hi;
}

uint64_t mach_counter(void) { return *hpet_reg(0x0f0); }
uint64_t mach_counter_hz(void) { return hpet_hz; }
uint64_t mach_mono_ns(void) { return tick_scale_ns(&hpet_scale, mach_counter()); }

/* isa-debug-exit makes QEMU exit with (v << 1) | 1; v = status + 1 keeps
   QEMU's own failure (1) apart: the host reads status = (rc - 3) / 2. */
_Noreturn void
mach_exit(int status)
{
	if (status < 0 || status > 126)
		status = 126;
	outl(DEBUG_EXIT_PORT, (uint32_t)status + 1);
	outw(ACPI_PM1A_CNT, 0x2000);	/* no debug-exit device: power off */
	for (;;)
		__asm__ volatile("cli; hlt");
}

_Noreturn void
x86_fault(unsigned vector, uint64_t error, uint64_t rip)
{
	uint64_t cr2;

	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	puts_raw("\npc-x86_64: CPU exception ");
	put_hex(vector);
	puts_raw(" error ");
	put_hex(error);
	puts_raw(" at rip ");
	put_hex(rip);
	puts_raw(" cr2 ");
	put_hex(cr2);
	puts_raw("\n");
	if (baremetal_fault != NULL)
		baremetal_fault("CPU exception");
	mach_exit(MACH_EXIT_FAULT);
}
