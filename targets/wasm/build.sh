#!/bin/sh
# build.sh [MAKE-TARGET...] -- install emscripten and node if missing
# (deps.sh) and build build/wasm (default: the suite; bench-run asks for
# "bench"). Exits 77 with a reason when they cannot be had, 1 with the
# log's place when the build fails. For ktap-run, bench-run and
# ../wasm-browser.
here=$(cd "$(dirname "$0")" && pwd)
B=$(cd "$here/../.." && pwd)/build/wasm
export NODE_PATH=/usr/share/nodejs

if ! command -v emcc >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	"$here/deps.sh" >/dev/null 2>&1
	if ! command -v emcc >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
		echo "wasm: emscripten or node is not installed and targets/wasm/deps.sh could not install them" >&2
		exit 77
	fi
fi
mkdir -p "$B"
if ! make -C "$here" "$@" >"$B/make.log" 2>&1; then
	echo "wasm: the build failed, see $B/make.log" >&2
	exit 1
fi
