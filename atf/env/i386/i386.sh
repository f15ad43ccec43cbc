# i386.sh -- building rumpcheck for i386 (-m32), for the i386 environment's
# run. Set ROOT, then source it; the functions print a reason and return 1
# when this machine cannot build 32-bit code.

B32=$ROOT/build32

# Can gcc -m32 build and run a program here? Install gcc-multilib if not.
i386_ready() {
	local probe=$B32/probe
	mkdir -p "$B32"
	printf 'int main(void){return 0;}\n' > "$probe.c"
	if ! gcc -m32 -o "$probe" "$probe.c" 2>/dev/null; then
		"$ROOT/scripts/deps.sh" i386 >&2
		gcc -m32 -o "$probe" "$probe.c" 2>/dev/null ||
		    { echo "no working gcc -m32 (gcc-multilib missing)"; return 1; }
	fi
	"$probe" || { echo "this kernel cannot run i386 programs"; return 1; }
}

# The KTAP runner and the suite for i386, in build32/, one build at a time
# (kyua may run two i386 targets at once).
i386_suite() {
	flock "$B32/suite.lock" make -C "$ROOT" B=build32 CC="gcc -m32" build32/rc_ktap \
	    >"$B32/suite.log" 2>&1 ||
	    { echo "the i386 build of the suite failed (build32/suite.log)"; return 1; }
}

# Run the suite on library $1, each case in its own process, in a scratch
# directory of its own (the cases' files go there); KTAP to $2.
i386_run() {
	local scratch
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/rumpcheck-i386.XXXXXX") || return 1
	(cd "$scratch" && "$B32/rc_ktap" --isolate "$1") >"$2.tmp" 2>"$B32/run.stderr"
	rm -rf "$scratch"
	mv "$2.tmp" "$2"
}
