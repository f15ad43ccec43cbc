# machine.mk -- virt-arm (qemu-system-arm -M virt, Cortex-A15, ARMv7-A, MMU off): what an image for it is built with. Paths from the project root.
MACH_ARCH = arm
MACH_CC = clang
MACH_CFLAGS = --target=armv7a-none-eabi -mcpu=cortex-a15 -marm -mfloat-abi=soft \
	-mno-unaligned-access -ffreestanding -fno-pic -fno-pie -fno-stack-protector
MACH_LDSCRIPT = targets/baremetal/machine/virt-arm/link.ld
MACH_LDFLAGS = -static -T $(MACH_LDSCRIPT) -z max-page-size=0x1000
MACH_SRCS = targets/baremetal/arch/arm/start.S \
	targets/baremetal/arch/arm/cpu.c \
	targets/baremetal/arch/arm/aeabi.c \
	targets/baremetal/machine/virt-arm/virt-arm.c \
	targets/baremetal/machine/common/virtio_mmio.c \
	targets/baremetal/machine/common/alarm.c \
	targets/baremetal/machine/common/wall.c
# How QEMU runs it (qemu.args is the argument template; its NICs are on
# hub 1, since a LAVA device's own -net nic -net user are on hub 0) and how
# its exit status gives the guest's: semihosting: rc is the status's low 8 bits.
MACH_QEMU = qemu-system-arm
MACH_EXIT = semihosting
# The disk the environment makes for it (truncate -s, sparse): above 4 GiB
# so that the bounds cases' 2^32 + 1-byte scratch file fits.
MACH_DISK_SIZE = 5G
