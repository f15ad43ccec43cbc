# machine.mk -- QEMU -M virt, Cortex-A53, aarch64 (see machine.c). Read by atf/env/baremetal/Makefile.
MACH_ARCH	= aarch64
MACH_CFLAGS	= --target=aarch64-none-elf -mcpu=cortex-a53 -mgeneral-regs-only -mstrict-align
MACH_LDFLAGS	= -T $(MACH_DIR)/link.ld
MACH_SRCS	= $(MACH_DIR)/machine.c $(MACH_DIR)/virtio.c \
		  $(ARCH_DIR)/cpu.c $(ARCH_DIR)/timer.c $(ARCH_DIR)/start.S
# How the environment boots an image: qemu-system-$(MACH_QEMU) $(MACH_QEMU_ARGS) -kernel IMAGE
MACH_QEMU	= aarch64
MACH_QEMU_ARGS	= -M virt -cpu cortex-a53 -m 256M -nographic -semihosting \
		  -device virtio-rng-device
# Devices: a disk (blk; the run script puts the image's path for @DISK@), two NICs on one hub (net); empty where the machine has none.
# Hub 1: a LAVA device's own "-net nic -net user" are on hub 0.
MACH_QEMU_BLK	= -drive if=none,format=raw,file=@DISK@,id=d0 -device virtio-blk-device,drive=d0
MACH_APPEND	=
MACH_QEMU_NET	= -netdev hubport,id=n0,hubid=1 -device virtio-net-device,netdev=n0 \
		  -netdev hubport,id=n1,hubid=1 -device virtio-net-device,netdev=n1
