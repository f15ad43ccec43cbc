/* start.S -- x86_64 entry: the PVH note, 32-bit start, identity page tables, long mode, interrupt stubs, context switch. */

#define TIMER_VECTOR	0x40
#define SPURIOUS_VECTOR	0xff

/* QEMU's -kernel boots an ELF64 that carries XEN_ELFNOTE_PHYS32_ENTRY (18)
   in 32-bit protected mode, paging off, %ebx = struct hvm_start_info. */
	.section .note.Xen, "a", @note
	.p2align 2
	.long	4, 8, 18
	.asciz	"Xen"
	.p2align 2
	.quad	_start32

	.section .boot, "ax"
	.code32
	.globl	_start32
_start32:
	cli
	cld
	mov	%ebx, %esi
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	xor	%eax, %eax
	rep stosb
	mov	%esi, pvh_start_info
	mov	$boot_stack_top, %esp

	/* Identity-map the first 4 GiB with 2 MiB pages (RAM, HPET, LAPIC). */
	mov	$boot_pd, %edi
	mov	$0x83, %eax			/* present, writable, 2 MiB */
	xor	%ecx, %ecx
1:	mov	%eax, (%edi,%ecx,8)
	add	$0x200000, %eax
	inc	%ecx
	cmp	$2048, %ecx
	jne	1b
	mov	$boot_pdpt, %edi
	mov	$boot_pd + 3, %eax
	xor	%ecx, %ecx
2:	mov	%eax, (%edi,%ecx,8)
	add	$4096, %eax
	inc	%ecx
	cmp	$4, %ecx
	jne	2b
	mov	$boot_pml4, %edi
	movl	$boot_pdpt + 3, (%edi)
	mov	%edi, %cr3

	mov	%cr4, %eax
	or	$0x20, %eax			/* PAE */
	mov	%eax, %cr4
	mov	$0xc0000080, %ecx		/* EFER.LME */
	rdmsr
	or	$0x100, %eax
	wrmsr
	mov	%cr0, %eax
	or	$0x80000001, %eax		/* PG, PE */
	mov	%eax, %cr0
	lgdt	gdt_ptr
	ljmp	$0x08, $start64

	.code64
start64:
	mov	$0x10, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	%ax, %fs
	mov	%ax, %gs
	mov	$boot_stack_top, %rsp
	call	mach_init
	call	baremetal_main
	mov	%eax, %edi
	call	mach_exit

	.section .rodata
	.p2align 3
gdt:	.quad	0
	.quad	0x00af9a000000ffff		/* 0x08: 64-bit code */
	.quad	0x00cf92000000ffff		/* 0x10: data */
gdt_ptr:
	.word	gdt_ptr - gdt - 1
	.long	gdt

/* Interrupt stubs: push a zero error code where the CPU pushes none, then
   the vector; isr_common saves the caller-saved registers and calls
   x86_trap(frame) on a 16-byte aligned stack. */
	.text
	.irp	n, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31,TIMER_VECTOR,SPURIOUS_VECTOR
isr\n:	push	$0
	push	$\n
	jmp	isr_common
	.endr
	.irp	n, 8,10,11,12,13,14,17,21,29,30
isr\n:	push	$\n
	jmp	isr_common
	.endr

isr_common:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%rbp
	mov	%rsp, %rbp
	lea	8(%rsp), %rdi
	and	$-16, %rsp
	call	x86_trap
	mov	%rbp, %rsp
	pop	%rbp
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	add	$16, %rsp
	iretq

	.section .rodata
	.p2align 3
	.globl	x86_isr_table
x86_isr_table:				/* vectors 0..31, then timer, spurious */
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,TIMER_VECTOR,SPURIOUS_VECTOR
	.quad	isr\n
	.endr

/* mach_ctx_switch(save %rdi, load %rsi): the callee-saved registers and
   %rsp; the return address is on the saved stack. */
	.text
	.globl	mach_ctx_switch
mach_ctx_switch:
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	mov	%rsp, 48(%rdi)
	mov	0(%rsi), %rbx
	mov	8(%rsi), %rbp
	mov	16(%rsi), %r12
	mov	24(%rsi), %r13
	mov	32(%rsi), %r14
	mov	40(%rsi), %r15
	mov	48(%rsi), %rsp
	ret

/* A new context's first return lands here: entry in %r12, arg in %r13. */
	.globl	x86_ctx_start
x86_ctx_start:
	mov	%r13, %rdi
	call	*%r12
	ud2

	.bss
	.p2align 12
boot_pml4:	.space	4096
boot_pdpt:	.space	4096
boot_pd:	.space	4 * 4096
	.p2align 4
		.space	32768
boot_stack_top:
	.globl	pvh_start_info
pvh_start_info:	.long	0
