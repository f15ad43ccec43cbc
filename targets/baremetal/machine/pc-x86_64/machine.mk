# machine.mk -- pc-x86_64 (qemu-system-x86_64 -M pc, TCG): what an image for it is built with. Paths from the project root.
MACH_ARCH = x86_64
MACH_CC = clang
MACH_CFLAGS = --target=x86_64-none-elf -ffreestanding -fno-pic -fno-pie \
	-mno-red-zone -mno-sse -mno-mmx -mno-80387 -fno-stack-protector
MACH_LDSCRIPT = targets/baremetal/machine/pc-x86_64/link.ld
MACH_LDFLAGS = -static -T $(MACH_LDSCRIPT) -z max-page-size=0x1000
MACH_SRCS = targets/baremetal/arch/x86_64/start.S \
	targets/baremetal/arch/x86_64/cpu.c \
	targets/baremetal/machine/pc-x86_64/pc.c \
	targets/baremetal/machine/pc-x86_64/virtio_pci.c \
	targets/baremetal/machine/common/alarm.c \
	targets/baremetal/machine/common/wall.c
# How QEMU runs it (qemu.args is the argument template; its NICs are on
# hub 1, since a LAVA device's own -net nic -net user are on hub 0) and how its exit
# status gives the guest's: debug-exit: (rc - 3) / 2 for an odd rc >= 3.
MACH_QEMU = qemu-system-x86_64
MACH_EXIT = debug-exit
