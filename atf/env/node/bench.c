/*
 * bench.c -- rcbench.js: the portable benchmarks against the wasm build of
 * the POSIX target, with the cjson backend (bench-run asks for the JSON on
 * stdout; the ratio table goes to stderr). Limits are emscripten's own
 * pthreads, clocks and getentropy (bench_prim.h).
 */
#include "bench_env.h"

int
main(int argc, char **argv)
{
	return bench_run_without_io("wasm", "under WebAssembly", argc, argv);
}
