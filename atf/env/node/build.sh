#!/bin/sh
# build.sh HYPERVISOR [MAKE-TARGET...] -- install emscripten and node if
# missing (deps.sh) and build the hypervisor and the suite in
# build/wasm/NAME (default: the suite; bench-run asks for "bench"). Exits 77
# with a reason when they cannot be had, 1 with the log's place when the
# build fails. For run, bench-run and ../browser/run.
here=$(cd "$(dirname "$0")" && pwd)
hyp=$1
shift
B=${RUMPCHECK_ROOT:-$(cd "$here/../../.." && pwd)}/build/wasm/$(basename "$hyp")
export NODE_PATH=/usr/share/nodejs

if ! command -v emcc >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	"$here/deps.sh" >/dev/null 2>&1
	if ! command -v emcc >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
		echo "wasm: emscripten or node is not installed and atf/env/node/deps.sh could not install them" >&2
		exit 77
	fi
fi
mkdir -p "$B"
if ! make -C "$here" HYP="$hyp" "$@" >"$B/make.log" 2>&1; then
	echo "wasm: the build failed, see $B/make.log" >&2
	exit 1
fi
