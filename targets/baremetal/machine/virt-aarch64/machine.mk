# machine.mk -- QEMU -M virt, Cortex-A53, aarch64 (see machine.c): what an image for it is built with. Paths from the project root.
MACH_ARCH = aarch64
MACH_CC = clang
MACH_CFLAGS = --target=aarch64-none-elf -mcpu=cortex-a53 -mgeneral-regs-only -mstrict-align \
	-ffreestanding -fno-pic -fno-pie -fno-stack-protector
MACH_LDSCRIPT = targets/baremetal/machine/virt-aarch64/link.ld
MACH_LDFLAGS = -static -T $(MACH_LDSCRIPT) -z max-page-size=0x1000
MACH_SRCS = targets/baremetal/arch/aarch64/start.S \
	targets/baremetal/arch/aarch64/cpu.c \
	targets/baremetal/arch/aarch64/timer.c \
	targets/baremetal/machine/virt-aarch64/machine.c \
	targets/baremetal/machine/common/virtio_mmio.c \
	targets/baremetal/machine/common/fdt.c
# How QEMU runs it (qemu.args is the argument template; its NICs are on
# hub 1, since a LAVA device's own -net nic -net user are on hub 0) and how its exit
# status gives the guest's: semihosting: rc is the status's low 8 bits.
MACH_QEMU = qemu-system-aarch64
MACH_EXIT = semihosting
