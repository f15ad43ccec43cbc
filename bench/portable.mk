# portable.mk -- the benchmark sources that need no host I/O (the
# BENCH_PORTABLE families of families.def) and the cjson backend without
# its platform, for builds outside bench/ (the kernel module, WebAssembly).
# Names relative to bench/.
BENCH_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
BENCH_PORTABLE := bench_env.c cjson.c cb_cjson.c cb_registry.c cb_fix.c \
	cb_fmt.c cb_ratio.c cb_runner.c \
	$(shell sed -n 's/^BENCH_PORTABLE(\(.*\))$$/b_\1.c/p' $(BENCH_DIR)families.def)
