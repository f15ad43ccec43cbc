# machine.mk -- raspi2b (qemu-system-arm -M raspi2b, Cortex-A7, MMU off): what an image for it is built with. Paths from the project root.
MACH_ARCH = arm
MACH_CC = clang
MACH_CFLAGS = --target=armv7a-none-eabi -mcpu=cortex-a7 -marm -mfloat-abi=soft \
	-mno-unaligned-access -ffreestanding -fno-pic -fno-pie -fno-stack-protector
MACH_LDSCRIPT = targets/baremetal/machine/raspi2b/link.ld
MACH_LDFLAGS = -static -T $(MACH_LDSCRIPT) -z max-page-size=0x1000
MACH_SRCS = targets/baremetal/arch/arm/start.S \
	targets/baremetal/arch/arm/cpu.c \
	targets/baremetal/arch/arm/aeabi.c \
	targets/baremetal/machine/raspi2b/raspi2b.c \
	targets/baremetal/machine/common/alarm.c \
	targets/baremetal/machine/common/wall.c \
	targets/baremetal/machine/common/fdt.c
# How QEMU runs it (qemu.args is the argument template) and how its exit
# status gives the guest's: semihosting: rc is the status's low 8 bits.
MACH_QEMU = qemu-system-arm
MACH_EXIT = semihosting
# The disk the environment makes for it (truncate -s): semihosting's
# SYS_FLEN and SYS_SEEK are 32-bit signed here, so below 2 GiB.
MACH_DISK_SIZE = 2047M
