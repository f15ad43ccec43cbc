# boot.sh -- sourced by run and bench-run: build the module, pack it
# into a busybox initramfs, boot the Debian guest kernel under QEMU and
# watch its serial console.
#
#   kmod_prepare                  deps + module build, and $kmod_accel;
#                                 holds $b's lock until the script exits;
#                                 exit 77 (reason on stderr) when this
#                                 machine cannot run it
#   kmod_initrd ARG...            the initramfs; insmod gets each ARG as
#                                 one argument (spaces kept)
#   kmod_boot PREFIX IDLE LIMIT   boot; return at the end marker, after
#                                 IDLE s without a new PREFIX line, or
#                                 after LIMIT s in all. Sets $kmod_log (the
#                                 console), $kmod_elapsed (s), $kmod_why
#                                 ("" when the run ended by itself)
#   kmod_extract PREFIX           the console lines after PREFIX, without it
#   kmod_last_case KTAP           the verdict on the case the guest was in
#                                 when it stopped early (nothing if none)
#
# Needs $here (this directory) and $hyp (the hypervisor's directory). RC_KMOD_ACCEL: kvm or tcg (default: kvm
# only when the host CPU has vmx/svm, which PVM-nested hosts lack).
# RC_KMOD_BUILD: the build directory (default build/linux-kmod; the
# campaign gives each job its own, so runs can go on side by side).

root=${RUMPCHECK_ROOT:-$(cd "$here/../../.." && pwd)}
b=${RC_KMOD_BUILD:-$root/build/linux-kmod}
kmod_end_marker='RCKTAP| # rumpcheck-end'
kmod_append='console=ttyS0 quiet panic=-1 printk.time=0'

fail() { echo "linux-kmod: $*" >&2; exit 1; }

kmod_prepare() {
	deps=$("$here/deps.sh" --install) || exit 77
	kver=${deps#KVER=}
	mkdir -p "$b" || fail "cannot create $b"
	# one user of $b at a time (module, initramfs, console): the others wait
	exec 9>"$b/.lock" && flock 9 || fail "cannot lock $b/.lock"
	make -s -C "$here" KVER="$kver" HYP="$hyp" B="$b" >"$b/make.log" 2>&1 ||
	    fail "module build failed: $(grep -m1 -i error "$b/make.log") (see $b/make.log)"
	kmod_accel=${RC_KMOD_ACCEL:-}
	if [ -z "$kmod_accel" ]; then
		kmod_accel=tcg
		[ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo && kmod_accel=kvm
	fi
}

# The virtio drivers and tun (virtif's taps) in dependency order, into
# $r/lib and $r/modules.order. AF_PACKET is built into Debian's kernel.
kmod_initrd_drivers() {
	: >"$r/modules.order"
	for ko in $(modprobe -S "$kver" --show-depends -a virtio_pci virtio_blk virtio_net tun |
	    sed -n 's/^insmod \([^ ]*\).*/\1/p' | awk '!seen[$0]++'); do
		name=$(basename "$ko")
		case $name in
		*.xz) xz -dc "$ko" >"$r/lib/${name%.xz}"; name=${name%.xz} ;;
		*) cp "$ko" "$r/lib/$name" ;;
		esac
		echo "$name" >>"$r/modules.order"
	done
}

kmod_initrd() {
	r=$b/initramfs
	rm -rf "$r"
	mkdir -p "$r/bin" "$r/lib" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" || return 1
	cp /bin/busybox "$r/bin/busybox" || return 1
	kmod_initrd_drivers || return 1
	cp "$b/rumpcheck.ko" "$r/rumpcheck.ko" || return 1
	: >"$r/rumpcheck.args"
	for a in "$@"; do
		printf '%s\n' "$a" >>"$r/rumpcheck.args"
	done
	cat >"$r/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
for m in $(cat /modules.order); do insmod /lib/$m || echo "init: insmod $m failed"; done
echo 7 >/proc/sys/kernel/printk
set --
while IFS= read -r a; do set -- "$@" "$a"; done </rumpcheck.args
if insmod /rumpcheck.ko "$@"; then
	until [ "$(cat /sys/module/rumpcheck/parameters/done)" = 1 ]; do sleep 1; done
else
	echo "init: insmod rumpcheck.ko failed"
fi
poweroff -f
INIT
	chmod +x "$r/init"
	(cd "$r" && find . | cpio -o -H newc --quiet | gzip -1) >"$b/initrd.gz.new" &&
	    mv "$b/initrd.gz.new" "$b/initrd.gz"
}

kmod_start_qemu() {
	cpu=max
	[ "$kmod_accel" = kvm ] && cpu=host
	[ -f "$b/disk.img" ] || truncate -s 16M "$b/disk.img" || fail "cannot create $b/disk.img"
	qemu-system-x86_64 -accel "$kmod_accel" -cpu "$cpu" -smp 2 -m 512 \
	    -kernel "/boot/vmlinuz-$kver" -initrd "$b/initrd.gz" \
	    -append "$kmod_append" \
	    -display none -monitor none -serial "file:$kmod_log" -no-reboot \
	    -drive "file=$b/disk.img,format=raw,if=virtio" \
	    -netdev user,id=n0 -device virtio-net-pci,netdev=n0 \
	    >"$b/qemu.log" 2>&1 &
	qpid=$!
}

kmod_boot() {
	prefix=$1 idle=$2 limit=$3
	kmod_log=$b/console.log
	: >"$kmod_log"
	start=$(date +%s)
	kmod_start_qemu
	kmod_why=""
	last_count=-1
	last_change=$start
	while kill -0 "$qpid" 2>/dev/null; do
		sleep 1
		now=$(date +%s)
		if grep -q "$kmod_end_marker" "$kmod_log"; then
			sleep 2	# let the guest power off by itself
			break
		fi
		count=$(grep -c "$prefix" "$kmod_log")
		if [ "$count" != "$last_count" ]; then
			last_count=$count
			last_change=$now
		elif [ $((now - last_change)) -ge "$idle" ]; then
			kmod_why="no progress ($prefix lines) for ${idle}s"
			break
		fi
		if [ $((now - start)) -ge "$limit" ]; then
			kmod_why="still running after ${limit}s"
			break
		fi
	done
	kill "$qpid" 2>/dev/null && wait "$qpid" 2>/dev/null
	kmod_elapsed=$(($(date +%s) - start))
}

kmod_extract() {
	tr -d '\r' <"$kmod_log" | sed -n "s/^.*$1//p"
}

# kmod_last_case: when the guest stopped before its end marker, the verdict
# on the case it was in, from its last words (rc_ktap.h): case-begin names
# the case and its IDs, the last case-beat the hypercall it was in. A guest
# that stalled as a whole (no watchdog of its own left to report) or died
# fails the first of the case's IDs whose catalog row names that
# hypercall, else its first; a run stopped at its limit while the guest
# still beat is a timeout of the run, not a hang of the case.
kmod_last_case() {
	awk -v why="$kmod_why" -v limit="${RC_KMOD_LIMIT:-1500}" '
	FNR == NR { calls[$1] = " " $3 " "; next }
	/^# case-begin / {
		num = $3; name = $4; sub(/:$/, "", name); open = 1; call = ""; last = "not known (no beat before it stopped)"
		nids = 0
		for (i = 5; i <= NF; i++) ids[++nids] = $i
		next
	}
	/^# case-beat / && $4 == name {
		last = $0; sub(/^[^:]*: /, "", last)
		call = last ~ /^rumpuser_/ ? last : ""; sub(/ .*/, "", call)
		next
	}
	/^(not )?ok [0-9]+ / { if (($1 == "ok" ? $3 : $4) == name) open = 0 }
	END {
		if (!open) exit
		if (why ~ /^still running/) {
			printf "not ok %s %s # the run timed out (its %s s limit) during this case, which still made progress (its last beat: %s)\n", num, name, limit, last
			exit
		}
		id = nids ? ids[1] : ""
		for (i = 1; i <= nids && call != ""; i++)
			if (index(calls[ids[i]], " " call " ")) { id = ids[i]; break }
		what = why != "" ? "HANG: the guest stopped printing in this case (" why ")" : \
		    "CRASH: the guest died in this case (QEMU ended before the end marker)"
		if (id != "") print "# rumpcheck-ids: " id "=fail"
		printf "not ok %s %s # %s%s; in flight: %s\n", num, name, id != "" ? "[" id "] " : "", what, last
	}' FS='\t' "$root/atf/assertions.tsv" FS=' ' "$1"
}
