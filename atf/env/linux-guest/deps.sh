#!/bin/sh
# deps.sh -- make sure this machine can build and boot the linux-kmod target:
# a Debian guest kernel with matching headers, QEMU and a static busybox.
# With --install, what is missing goes through scripts/deps.sh (it says which
# packages, then installs them as root with apt-get --no-remove; idempotent).
#   deps.sh [--install]   exit 0 = ready; 77 + one-line reason = cannot run
# Prints KVER=<version> of the guest kernel to use on stdout when ready.

want_pkgs="linux-image-amd64 linux-headers-amd64 qemu-system-x86 busybox-static cpio kmod make gcc"

# The newest headers tree that has a matching kernel image.
guest_kver() {
	for h in $(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -rV); do
		v=${h#/usr/src/linux-headers-}
		if [ -r "/boot/vmlinuz-$v" ] && [ -d "/lib/modules/$v/kernel" ]; then
			echo "$v"
			return 0
		fi
	done
	return 1
}

missing() {
	command -v qemu-system-x86_64 >/dev/null || { echo "qemu-system-x86_64 not installed"; return; }
	[ -x /bin/busybox ] && busybox --list 2>/dev/null | grep -qx insmod ||
	    { echo "busybox (static) not installed"; return; }
	command -v cpio >/dev/null || { echo "cpio not installed"; return; }
	guest_kver >/dev/null || { echo "no Debian amd64 kernel image with matching headers"; return; }
}

install_deps() {
	# shellcheck disable=SC2086 # a list of package names
	"$(dirname "$0")/../../scripts/deps.sh" --packages $want_pkgs
}

why=$(missing)
if [ -n "$why" ] && [ "$1" = --install ]; then
	install_deps
	why=$(missing)
fi
if [ -n "$why" ]; then
	echo "linux-kmod: $why" >&2
	exit 77
fi
echo "KVER=$(guest_kver)"
