/* start.S -- ARMv7-A entry in SVC mode (or HYP, dropped to SVC): park the secondary cores, stack, .bss, vectors; IRQ entry, context switch, 64-bit division entry points. */
	.syntax unified
	.arm

	.section .boot, "ax"
	.globl	_start
_start:
	cpsid	if
	mov	r4, r2				/* a boot loader's device tree (bootm), else 0 */
	mrc	p15, 0, r0, c0, c0, 5		/* MPIDR: Aff0 is the core */
	ands	r0, r0, #3
	bne	park
	mrs	r0, cpsr
	and	r0, r0, #0x1f
	cmp	r0, #0x1a			/* HYP: how U-Boot leaves a real Pi 2 */
	bne	at_svc
	mov	r0, #3				/* CNTHCTL: SVC reads the counters */
	mcr	p15, 4, r0, c14, c1, 0
	mov	r0, #0
	mcrr	p15, 4, r0, r0, c14		/* CNTVOFF = 0 */
	mov	r0, #0x1d3			/* SVC, interrupts masked */
	msr	spsr_hyp, r0
	adr	r0, at_svc
	msr	elr_hyp, r0
	eret
at_svc:
	ldr	sp, =boot_stack_top
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	ldr	r0, =arm_boot_fdt
	str	r4, [r0]
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0		/* VBAR */
	isb
	bl	mach_init
	bl	baremetal_main
	bl	mach_exit

/* Only the boot core runs: the others sleep with interrupts masked (wfi,
   not wfe, which spins the host under TCG). */
park:	wfi
	b	park

	.p2align 5
vectors:
	b	reset_fault
	b	undef_fault
	b	svc_fault
	b	pabort_fault
	b	dabort_fault
	b	reset_fault
	b	irq_entry
	b	fiq_fault

/* The IRQ runs on the interrupted SVC stack: lr and spsr are pushed there
   (srs), the caller-saved registers too, with sp kept 8-byte aligned. */
irq_entry:
	sub	lr, lr, #4
	srsdb	sp!, #0x13
	cps	#0x13
	push	{r0-r3, r12, lr}
	and	r1, sp, #4
	sub	sp, sp, r1
	push	{r1, r2}
	bl	arm_irq_handler
	pop	{r1, r2}
	add	sp, sp, r1
	pop	{r0-r3, r12, lr}
	rfeia	sp!

	.macro	FAULT label, kind
\label:	mov	r1, lr
	cps	#0x13
	ldr	r0, =\kind
	bl	arm_fault
	.endm
	FAULT	reset_fault, str_reset
	FAULT	undef_fault, str_undef
	FAULT	svc_fault, str_svc
	FAULT	pabort_fault, str_pabort
	FAULT	dabort_fault, str_dabort
	FAULT	fiq_fault, str_fiq
	.ltorg

	.section .rodata
str_reset:	.asciz "reserved vector"
str_undef:	.asciz "undefined instruction"
str_svc:	.asciz "svc (not semihosting)"
str_pabort:	.asciz "prefetch abort"
str_dabort:	.asciz "data abort"
str_fiq:	.asciz "fiq"

/* mach_ctx_switch(save r0, load r1): r4-r11, sp, lr. */
	.text
	.globl	mach_ctx_switch
mach_ctx_switch:
	stmia	r0, {r4-r11}
	str	sp, [r0, #32]
	str	lr, [r0, #36]
	ldmia	r1, {r4-r11}
	ldr	sp, [r1, #32]
	ldr	lr, [r1, #36]
	bx	lr

/* A new context starts here: entry in r4, arg in r5. */
	.globl	arm_ctx_start
arm_ctx_start:
	mov	r0, r5
	blx	r4
	udf	#0

/* The AEABI's 64-bit division: n in r0:r1, d in r2:r3; quotient in r0:r1,
   remainder in r2:r3. The C helpers return the remainder through a
   pointer, passed on the stack. */
	.macro	DIVMOD name, helper
	.globl	\name
\name:	push	{r11, lr}
	sub	sp, sp, #16
	add	r12, sp, #8
	str	r12, [sp]
	bl	\helper
	ldrd	r2, r3, [sp, #8]
	add	sp, sp, #16
	pop	{r11, pc}
	.endm
	DIVMOD	__aeabi_uldivmod, arm_udivmod64
	DIVMOD	__aeabi_ldivmod, arm_sdivmod64

	.bss
	.p2align 3
	.space	32768
boot_stack_top:
