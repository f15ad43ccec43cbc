# smoke.mk -- builds the machine smoke test image for one machine:
#   make -f targets/baremetal/machine/smoke.mk MACHINE=pc-x86_64 [O=dir]
# from the project root; the image is $(O)/smoke.elf.
MACHINE ?= pc-x86_64
include targets/baremetal/machine/$(MACHINE)/machine.mk
O ?= build/baremetal-smoke/$(MACHINE)

SMOKE_CFLAGS = $(MACH_CFLAGS) -std=c11 -O2 -g -Wall -Wextra -Werror -Wno-comment \
	-Iinclude -Itargets/baremetal -Itargets/baremetal/arch/$(MACH_ARCH) \
	-isystem targets/baremetal/libc/include
SRCS = targets/baremetal/machine/smoke.c $(MACH_SRCS)
OBJS = $(patsubst %,$(O)/%.o,$(basename $(SRCS)))

$(O)/smoke.elf: $(OBJS) $(MACH_LDSCRIPT)
	ld.lld $(MACH_LDFLAGS) -o $@ $(OBJS)

$(O)/%.o: %.c targets/baremetal/machine.h targets/baremetal/machine/common/common.h
	@mkdir -p $(dir $@)
	$(MACH_CC) $(SMOKE_CFLAGS) -c -o $@ $<

$(O)/%.o: %.S
	@mkdir -p $(dir $@)
	$(MACH_CC) $(MACH_CFLAGS) -c -o $@ $<

# make -s -f ... print-MACH_QEMU: a machine variable, for the host side.
print-%:
	@echo '$($*)'
