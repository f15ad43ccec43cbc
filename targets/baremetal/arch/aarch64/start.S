/* start.S -- aarch64 entry at EL1 (or EL3/EL2, dropped to EL1) behind an arm64 Image header, exception vectors, context switch. */

/*
 * The arm64 Image header (the Linux boot protocol), so a boot loader's
 * booti starts the raw image: it moves the image to its 2 MiB-aligned
 * DRAM base + text_offset (the link address) and enters the first word
 * with x0 = its device tree. QEMU's -kernel enters the ELF at the same
 * word, the branch over the header.
 */
	.section .text.start, "ax"
	.global _start
_start:
	b	entry			/* code0 */
	.word	0			/* code1 */
	.quad	__text_offset		/* from link.ld: link address - 2 MiB base */
	.quad	__image_size		/* from link.ld: with .bss and the stack */
	.quad	0x2			/* flags: little-endian, 4 KiB pages, at the DRAM base + text_offset */
	.quad	0, 0, 0			/* reserved */
	.ascii	"ARM\x64"		/* magic */
	.word	0			/* reserved (PE header offset) */
entry:
	mov	x21, x0			/* a boot loader's device tree (booti), else 0 */
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	cbnz	x0, park		/* only the boot CPU runs */
	mrs	x0, CurrentEL
	lsr	x0, x0, #2
	cmp	x0, #3
	b.eq	from_el3
	cmp	x0, #2
	b.eq	from_el2
at_el1:
	ldr	x0, =__stack_top
	mov	sp, x0
	ldr	x0, =vectors
	msr	vbar_el1, x0
	isb
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	ldr	x0, =aarch64_boot_fdt
	str	x21, [x0]
	bl	mach_init
	bl	baremetal_main
	bl	mach_exit
park:
	wfi
	b	park

/* EL3: non-secure, aarch64 below, no traps of the timer; then as EL2. */
from_el3:
	mov	x0, #(1 << 10) | (1 << 0)	/* SCR_EL3: RW, NS */
	msr	scr_el3, x0
	mov	x0, #0x3c9			/* EL2h, interrupts masked */
	msr	spsr_el3, x0
	adr	x0, from_el2
	msr	elr_el3, x0
	eret
from_el2:
	mov	x0, #(1 << 31)			/* HCR_EL2: EL1 is aarch64 */
	msr	hcr_el2, x0
	mov	x0, #3				/* EL1 reads the counters */
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mov	x0, #0x3c5			/* EL1h, interrupts masked */
	msr	spsr_el2, x0
	adr	x0, at_el1
	msr	elr_el2, x0
	eret

/* Save the caller-saved registers, call the C handler, return. */
.macro	handler kind
	.balign	0x80
	sub	sp, sp, #192
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #160]
	str	x1, [sp, #176]
	mov	x0, #\kind
	b	exception_common
.endm

	.balign	0x800
vectors:
	handler	0	/* current EL, SP0: sync */
	handler	1	/* irq */
	handler	2	/* fiq */
	handler	3	/* serror */
	handler	0	/* current EL, SPx: sync */
	handler	1
	handler	2
	handler	3
	handler	4	/* lower EL: never used */
	handler	4
	handler	4
	handler	4
	handler	4
	handler	4
	handler	4
	handler	4

exception_common:
	bl	aarch64_exception
	ldr	x1, [sp, #176]
	ldp	x30, x0, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	add	sp, sp, #192
	eret

/* mach_ctx: x19..x29 in reg[0..10], x30 in reg[11], sp in reg[12]. */
	.text
	.global	mach_ctx_switch
mach_ctx_switch:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x2, sp
	str	x2, [x0, #96]
	ldp	x19, x20, [x1, #0]
	ldp	x21, x22, [x1, #16]
	ldp	x23, x24, [x1, #32]
	ldp	x25, x26, [x1, #48]
	ldp	x27, x28, [x1, #64]
	ldp	x29, x30, [x1, #80]
	ldr	x2, [x1, #96]
	mov	sp, x2
	ret

/* A new context starts here: entry in x19, its argument in x20. */
	.global	aarch64_ctx_start
aarch64_ctx_start:
	mov	x0, x20
	mov	x29, #0
	blr	x19
1:	b	1b
