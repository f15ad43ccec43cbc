# portable.mk -- the benchmark sources that need no host I/O (all but
# b_bio.c and b_net.c) and the cjson backend without its platform, for
# builds outside bench/ (the kernel module, WebAssembly). Names relative
# to bench/.
BENCH_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
BENCH_PORTABLE := bench_env.c cjson.c cb_cjson.c cb_registry.c cb_fix.c \
	cb_fmt.c cb_ratio.c cb_runner.c \
	$(filter-out b_bio.c b_net.c,$(notdir $(wildcard $(BENCH_DIR)b_*.c)))
