# boot.sh -- what run and lava-images share (sourced): which machine a
# HYPERVISOR argument names, its image built, how QEMU boots it (the
# machine's machine.mk through the Makefile's print-boot, and its
# qemu.args) and its disk.
# The caller sets here, root and defines fail.

# bm_target HYPERVISOR: machine, hypdir, swap (FILE.c:REPLACEMENT.c),
# areas and only (comma lists of the broken hypervisor's mutant.conf).
# HYPERVISOR is a machine directory or a broken bare-metal hypervisor.
bm_target() {
	hyp=$(cd "$1" 2>/dev/null && pwd) || fail "no directory $1"
	machine= swap= areas= only=
	if [ -f "$hyp/machine.mk" ]; then
		machine=$(basename "$hyp")
		hypdir=$(cd "$hyp/../.." && pwd)
	elif [ -f "$hyp/mutant.conf" ]; then
		machine=$(. "$hyp/mutant.conf" && echo "${machine:-virt-aarch64}")
		# areas= entries AREA run the area, AREA:CASE only that case.
		for a in $(. "$hyp/mutant.conf" && echo "$areas"); do
			case $a in
			*:*)	only="${only:+$only,}${a#*:}" ;;
			*)	areas="${areas:+$areas,}$a" ;;
			esac
		done
		hypdir=$root/targets/baremetal
		for f in "$hyp"/*.c; do
			[ -f "$f" ] && swap="$(basename "$f"):$f"
		done
		[ -n "$swap" ] || fail "$hyp has no source file to swap into the hypervisor"
	else
		fail "$hyp is neither a machine directory nor a broken bare-metal hypervisor"
	fi
}

# bm_image BUILDDIR: the image built (log in BUILDDIR/build.log); sets
# IMAGE, QEMU, QEMU_TEMPLATE (the machine's qemu.args), EXIT_KIND and
# DISK_SIZE (machine.mk through print-boot). Exit 77 when this machine
# cannot build or boot it.
bm_image() {
	mkdir -p "$1" || fail "cannot make $1"
	eval "$(make -s -C "$here" MACHINE="$machine" HYP="$hypdir" ${swap:+SWAP="$swap"} print-boot)"
	"$here/deps.sh" "$QEMU" || exit 77
	# One build of an image directory at a time: run, lava-images and
	# bench-run of one machine share it (tests run them side by side).
	mkdir -p "$(dirname "$IMAGE")" &&
	flock "$(dirname "$IMAGE").lock" make -C "$here" MACHINE="$machine" HYP="$hypdir" \
	    ${swap:+SWAP="$swap"} >"$1/build.log" 2>&1 ||
	    fail "the image did not build (see $1/build.log): $(grep -m1 -i error "$1/build.log")"
}

# bm_word WORD IMAGE DISK APPEND: a word of qemu.args (one word a line)
# with its placeholders @IMAGE@, @DISK@ and @APPEND@ replaced.
bm_word() {
	printf '%s\n' "$1" | sed "s|@IMAGE@|$(bm_sed_text "$2")|g; s|@DISK@|$(bm_sed_text "$3")|g; s|@APPEND@|$(bm_sed_text "$4")|g"
}
bm_sed_text() {
	printf '%s\n' "$1" | sed 's/[|&\\]/\\&/g'
}

# bm_disk PATH SIZE: a fresh sparse disk (the scratch files' blocks are
# recycled when it is used up, so any size of a few MiB will do).
bm_disk() {
	rm -f "$1" && truncate -s "$2" "$1" || fail "cannot make the disk image $1"
}

# bm_words: the command line's words every boot carries ($RC_BM_PARAMS,
# the broken hypervisor's areas= and only=).
bm_words() {
	echo ${RC_BM_PARAMS:-} ${areas:+areas=$areas} ${only:+only=$only}
}
