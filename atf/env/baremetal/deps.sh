#!/bin/sh
# deps.sh -- make sure this machine can build and boot the bare-metal
# images: clang, lld and QEMU for the machine's architecture.
# With --install, what is missing goes through scripts/deps.sh (apt-get
# --no-remove: clang + lld cross-build, so no cross gcc that conflicts
# with gcc-multilib is ever needed).
#   deps.sh [--install] [QEMU-SYSTEM-NAME]   exit 0 = ready; 77 + reason = cannot run
want_pkgs="clang lld qemu-system-arm qemu-system-x86 make"
qemu=${2:-${1:-qemu-system-aarch64}}
[ "$qemu" = --install ] && qemu=qemu-system-aarch64

missing() {
	command -v clang >/dev/null || { echo "clang not installed"; return; }
	command -v ld.lld >/dev/null || { echo "lld (ld.lld) not installed"; return; }
	command -v "$qemu" >/dev/null || { echo "$qemu not installed (Debian: qemu-system-arm or qemu-system-x86)"; return; }
}

why=$(missing)
if [ -n "$why" ] && [ "$1" = --install ]; then
	# shellcheck disable=SC2086 # a list of package names
	"$(dirname "$0")/../../scripts/deps.sh" --packages $want_pkgs >&2
	why=$(missing)
fi
if [ -n "$why" ]; then
	echo "baremetal: $why" >&2
	exit 77
fi
exit 0
