# machine.mk -- QEMU -M raspi3b, aarch64 (see machine.c). Read by atf/env/baremetal/Makefile.
MACH_ARCH	= aarch64
MACH_CFLAGS	= --target=aarch64-none-elf -mcpu=cortex-a53 -mgeneral-regs-only -mstrict-align
MACH_LDFLAGS	= -T $(MACH_DIR)/link.ld
MACH_SRCS	= $(MACH_DIR)/machine.c $(ARCH_DIR)/cpu.c $(ARCH_DIR)/timer.c $(ARCH_DIR)/start.S
# How the environment boots an image: qemu-system-$(MACH_QEMU) $(MACH_QEMU_ARGS) -kernel IMAGE
MACH_QEMU	= aarch64
MACH_QEMU_ARGS	= -M raspi3b -nographic -semihosting
# The disk is a host file the machine opens through semihosting: its path
# goes on the command line (the run script puts the image's path for @DISK@).
MACH_QEMU_BLK	=
MACH_APPEND	= blkfile=@DISK@
MACH_QEMU_NET	=
