#!/bin/sh
# deps.sh -- install the Debian packages a part of rumpcheck needs, once.
#
#   scripts/deps.sh GROUP...     groups: core bench kmod wasm browser i386 net lava
#                                lavastack baremetal
#   scripts/deps.sh --packages PKG...   exactly these (the targets' own
#                                deps.sh: atf/env/linux-guest, atf/env/node)
#
# Only what is missing is installed, as root, with apt-get (update, then
# install --no-install-recommends --no-remove: nothing is ever removed); it
# says which packages before it installs them. Not root: it lists them and
# the command to run. For the optional groups a failure is a warning: the
# parts that need them skip with a reason. Exit status: 0 everything is
# there, 2 the core group is missing (or an unknown group); with
# --packages: 0 they are installed, 1 they could not be.
set -u

group_pkgs() {
	case $1 in
	core)	echo make gcc libc6-dev pkg-config kyua atf-sh libatf-dev python3 ;;
	bench)	echo g++ libbenchmark-dev libbenchmark-tools valgrind python3-scipy gnuplot-nox ;;
	kmod)	echo qemu-system-x86 busybox-static linux-image-amd64 linux-headers-amd64 cpio kmod ;;
	wasm)	echo emscripten node-acorn ;;
	browser) echo chromium ;;
	i386)	echo gcc-multilib ;;
	net)	echo iproute2 util-linux ;;
	# LAVA: the dispatcher (lava-run), the job schema (lava-common), the
	# device-type templates (lava-server), what a worker needs to validate and
	# serve a U-Boot board job (TFTP directory, mkimage); lavastack: what a
	# local server needs
	lava)	echo lava-dispatcher lava-common lava-server python3-yaml python3-jinja2 tftpd-hpa u-boot-tools u-boot-qemu ;;
	lavastack) echo lava-dispatcher lava-server lavacli postgresql ;;
	baremetal) echo clang lld qemu-system-x86 qemu-system-arm ;;
	*)	echo "deps.sh: unknown group '$1'" >&2; return 1 ;;
	esac
}

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

apt_updated=
install_pkgs() {
	if [ "$(id -u)" != 0 ]; then
		echo "deps.sh: not root, so not installed; as root run: apt-get install $*" >&2
		return 1
	fi
	echo "deps.sh: installing as root with apt-get install --no-install-recommends --no-remove: $*" >&2
	if [ -z "$apt_updated" ]; then
		apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1 ||
		    echo "deps.sh: apt-get update failed" >&2
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
	    --no-install-recommends --no-remove "$@" \
	    >/tmp/rumpcheck-apt.log 2>&1 || {
		echo "deps.sh: apt-get install $* failed (see /tmp/rumpcheck-apt.log)" >&2
		return 1
	}
}

# Those of the packages named that are not installed.
missing_of() {
	for p in "$@"; do
		installed "$p" || echo "$p"
	done
}

if [ "${1:-}" = --packages ]; then
	shift
	missing=$(missing_of "$@")
	[ -z "$missing" ] && exit 0
	echo "deps.sh: missing Debian packages:" $missing >&2
	# shellcheck disable=SC2086 # a list of package names
	install_pkgs $missing || exit 1
	exit 0
fi

status=0
for group in "$@"; do
	group_pkgs "$group" >/dev/null || exit 2
	# shellcheck disable=SC2046 # a list of package names
	missing=$(missing_of $(group_pkgs "$group"))
	[ -z "$missing" ] && continue
	echo "deps.sh: '$group' lacks these Debian packages:" $missing >&2
	if ! install_pkgs $missing; then
		case $group in
		core) status=2 ;;
		*) echo "deps.sh: continuing without '$group'" >&2 ;;
		esac
	fi
done
exit $status
