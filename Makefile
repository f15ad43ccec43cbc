# rumpcheck -- build the targets, the harness and the conformance programs.
#
#   make            build everything this machine can build
#   make check      the project's own tests (scripts/selftest)
#   make matrix     the conformance matrix on every available target
#   make clean
#   make O=DIR      the conformance programs (and their Kyuafiles) and the
#                   objects in DIR: kyua test -k DIR/atf/Kyuafile. They find
#                   the project (the targets, atf/env/) from the build
#                   (build/rc_targets.h), or $RUMPCHECK_ROOT.

CC	?= cc
CFLAGS	?= -O2 -g
WARN	= -Wall -Wextra -Wno-unused-parameter -Wno-format-truncation
OUT	= $(if $(O),$(O)/)
B	= $(OUT)build
CPPFLAGS_RC = -Iinclude -Iatf/harness -I$(B) -D_GNU_SOURCE \
	-D_FILE_OFFSET_BITS=64
RC_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(CPPFLAGS_RC)
PY	= /usr/bin/python3

include atf/harness/sources.mk
AREAS	= $(shell sed -n 's/^RC_AREA(\(.*\))$$/\1/p' atf/areas.def)
PROGS	= $(foreach a,$(AREAS),$(OUT)atf/$(a)/t_$(a))
KYUAFILES = $(if $(OUT),$(OUT)atf/Kyuafile $(foreach a,$(AREAS),$(OUT)atf/$(a)/Kyuafile))
HARNESS_SRCS = $(RC_BASE) $(RC_RUNNER) $(RC_HOST) $(RC_DL) $(RC_ATF)
HARNESS_OBJS = $(patsubst %.c,$(B)/%.o,$(HARNESS_SRCS))
HDRS	= $(wildcard include/rump/*.h atf/harness/*.h atf/harness/*.def atf/*/*.h atf/*/*.def) \
	atf/areas.def
LDLIBS_T = -latf-c -ldl -lpthread
LDFLAGS_T = -Wl,--dynamic-list=atf/harness/upcalls.list

TARGET_DIRS = targets/posix targets/fiber

.PHONY: all targets progs mutants-base mutants canary serial nouring bench check matrix nightly dashboard clean
all: targets progs mutants canary serial nouring

targets:
	@for d in $(TARGET_DIRS); do $(MAKE) -C $$d || exit 1; done

progs: $(PROGS) $(KYUAFILES)

# The targets table and the broken hypervisors, resolved for the programs.
$(B)/rc_targets.h: targets/targets.tsv scripts/targets.py \
	$(wildcard hypercall-mocks/mutants/*/mutant.conf)
	@mkdir -p $(@D)
	$(PY) scripts/targets.py cheader > $@.tmp && mv $@.tmp $@
$(B)/atf/harness/rc_target_dl.o: $(B)/rc_targets.h

ifneq ($(OUT),)
# An out-of-tree build's Kyuafiles, next to its programs.
$(OUT)atf/Kyuafile: atf/Kyuafile
	@mkdir -p $(@D)
	cp $< $@
$(OUT)atf/%/Kyuafile: atf/%/Kyuafile
	@mkdir -p $(@D)
	cp $< $@
endif

# The renamed reference the mutants and the canary both link: built once,
# ahead of both (two makes writing it at once truncate each other's files).
mutants-base: targets
	$(MAKE) -C hypercall-mocks/mutants base

mutants: mutants-base
	$(MAKE) -C hypercall-mocks/mutants

# The calibrated slowdown target (+2%) the regression self-tests must flag.
canary: mutants-base
	$(MAKE) -C hypercall-mocks/canary

# The hypervisor serialising every lock hypercall (bench/scaling's curve).
serial: mutants-base
	$(MAKE) -C hypercall-mocks/serial

# Runs a command on a host that refuses io_uring; liboldring.so, preloaded,
# is a kernel before 6.7 (t_biopaths, t_vifpaths, scripts/campaign).
nouring:
	$(MAKE) -C hypercall-mocks/nouring

# Benchmarks need libbenchmark-dev (scripts/deps.sh bench): not part of all.
bench: targets
	$(MAKE) -C bench

$(B)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(RC_CFLAGS) -c -o $@ $<

$(B)/libharness.a: $(HARNESS_OBJS)
	rm -f $@ && ar rcs $@ $^

# Areas whose programs link libfaultinj ahead of libc, so that it sits
# beneath the dlopen'd target's host I/O and thread creation
# (hypercall-mocks/faultinj).
FAULTINJ = hypercall-mocks/faultinj/libfaultinj.so
FAULTINJ_AREAS = file bio iov errno thread
LDFLAGS_FI = -Wl,--no-as-needed $(FAULTINJ) -Wl,-rpath,$(abspath hypercall-mocks/faultinj)

$(FAULTINJ): hypercall-mocks/faultinj/faultinj.c hypercall-mocks/faultinj/faultinj.h
	$(MAKE) -C hypercall-mocks/faultinj

# Areas whose programs link libclockstep the same way: the target reads a
# wall clock the case steps (hypercall-mocks/clockstep).
CLOCKSTEP = hypercall-mocks/clockstep/libclockstep.so
CLOCKSTEP_AREAS = clock cv
LDFLAGS_CS = -Wl,--no-as-needed $(CLOCKSTEP) -Wl,-rpath,$(abspath hypercall-mocks/clockstep)

$(CLOCKSTEP): hypercall-mocks/clockstep/clockstep.c hypercall-mocks/clockstep/clockstep.h
	$(MAKE) -C hypercall-mocks/clockstep

# atf/<area>/t_<area>: the thin wrapper plus the area's bodies.
define area_prog
$(OUT)atf/$(1)/t_$(1): $(B)/atf/$(1)/t_$(1).o $(B)/atf/$(1)/$(1).o $(B)/libharness.a \
	$(if $(filter $(1),$(FAULTINJ_AREAS)),$(FAULTINJ)) \
	$(if $(filter $(1),$(CLOCKSTEP_AREAS)),$(CLOCKSTEP))
	$$(CC) $$(CFLAGS) $$(LDFLAGS_T) -o $$@ $$(filter %.o,$$^) \
	    $(if $(filter $(1),$(FAULTINJ_AREAS)),$$(LDFLAGS_FI)) \
	    $(if $(filter $(1),$(CLOCKSTEP_AREAS)),$$(LDFLAGS_CS)) $(B)/libharness.a $$(LDLIBS_T)
endef
$(foreach a,$(AREAS),$(eval $(call area_prog,$(a))))

check: all
	scripts/selftest

matrix: all
	scripts/rumpcheck

nightly:
	scripts/nightly

dashboard:
	/usr/bin/python3 scripts/dashboard.py

clean:
	rm -rf $(B) $(PROGS) $(KYUAFILES)
	$(MAKE) -C hypercall-mocks/mutants clean
	$(MAKE) -C hypercall-mocks/canary clean
	$(MAKE) -C hypercall-mocks/serial clean
	$(MAKE) -C hypercall-mocks/nouring clean
	$(MAKE) -C hypercall-mocks/clockstep clean
	$(MAKE) -C hypercall-mocks/faultinj clean
	$(MAKE) -C bench clean
	@for d in $(TARGET_DIRS); do $(MAKE) -C $$d clean; done

# The KTAP runner on the host: the whole suite in one process, for checking
# the KTAP path that the kernel and wasm targets use.
KTAP_SRCS = $(RC_KTAP_MAIN) $(RC_KTAP) $(RC_BASE) $(RC_RUNNER) $(RC_DL) $(RC_HOST) \
	$(foreach a,$(AREAS),atf/$(a)/$(a).c)
$(B)/rc_ktap: $(patsubst %.c,$(B)/%.o,$(KTAP_SRCS)) $(B)/libfaultinj.so
	$(CC) $(CFLAGS) $(LDFLAGS_T) -o $@ $(filter %.o,$^) -Wl,--no-as-needed \
	    $(B)/libfaultinj.so -Wl,-rpath,'$$ORIGIN' -ldl -lpthread

# Its own libfaultinj, of the same word size.
$(B)/libfaultinj.so: hypercall-mocks/faultinj/faultinj.c hypercall-mocks/faultinj/faultinj.h
	$(MAKE) -C hypercall-mocks/faultinj O=$(abspath $(B)) CC="$(CC)"
