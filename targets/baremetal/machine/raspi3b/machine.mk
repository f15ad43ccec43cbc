# machine.mk -- QEMU -M raspi3b, aarch64 (see machine.c). Read by atf/env/baremetal/Makefile.
MACH_ARCH	= aarch64
MACH_CFLAGS	= --target=aarch64-none-elf -mcpu=cortex-a53 -mgeneral-regs-only -mstrict-align
MACH_LDFLAGS	= -T $(MACH_DIR)/link.ld
MACH_SRCS	= $(MACH_DIR)/machine.c $(ARCH_DIR)/cpu.c $(ARCH_DIR)/timer.c $(ARCH_DIR)/start.S
# How the environment boots an image: qemu-system-$(MACH_QEMU) $(MACH_QEMU_ARGS) -kernel IMAGE
MACH_QEMU	= aarch64
# -cpu and -m are QEMU's only choices for the board, stated because a LAVA
# device (qemu.jinja2) would otherwise put its own defaults (cortex-a57, 512).
MACH_QEMU_ARGS	= -M raspi3b -cpu cortex-a53 -m 1G -nographic -semihosting
# The disk is a host file the machine opens through semihosting: its path
# goes on the command line (the run script puts the image's path for @DISK@).
MACH_QEMU_BLK	=
MACH_APPEND	= blkfile=@DISK@
MACH_QEMU_NET	=
