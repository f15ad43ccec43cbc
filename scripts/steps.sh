# steps.sh -- what scripts/rumpcheck and scripts/nightly share (sourced;
# set PROG first, then call steps_init): the exit status (0 ran and found
# nothing, 1 found a failure, 2 could not run or was interrupted), what an
# interruption does (SIGINT, SIGTERM, SIGHUP: stop the running step,
# remove the scratch directory, keep the previous results, exit 2), and
# progress: on a terminal a line that says what runs and for how long,
# elsewhere (CI logs) one line per step.

PY=${RUMPCHECK_PYTHON:-/usr/bin/python3}
MAKE=${MAKE:-make}
child=
scratch=
progress=elapsed_text

on_tty() {
	[ -t 1 ]
}

# m:ss
clock() {
	printf '%d:%02d' $(($1 / 60)) $(($1 % 60))
}

elapsed_text() {
	clock $(($(date +%s) - step_start))
}

steps_cleanup() {
	[ -z "$scratch" ] || rm -rf "$scratch"
}

steps_interrupted() {
	trap '' INT TERM HUP
	if [ -n "$child" ]; then
		kill -TERM "$child" 2>/dev/null
		wait "$child" 2>/dev/null
	fi
	! on_tty || printf '\r\033[K'
	echo "$PROG: interrupted: ${interrupted_note:-the previous results are kept}" >&2
	exit 2
}

steps_init() {
	trap steps_cleanup EXIT
	trap steps_interrupted INT TERM HUP
}

# A scratch directory in $1 (the same file system as the results, so that
# they are renamed into place), removed at exit.
steps_scratch() {
	mkdir -p "$1" && scratch=$(mktemp -d "$1/.$PROG-XXXXXX")
}

# Run a command whose signals must wait (the results being renamed into
# place): an interruption takes effect after it.
uninterrupted() {
	trap '' INT TERM HUP
	"$@"
	set -- $?
	trap steps_interrupted INT TERM HUP
	return "$1"
}

# run_step TEXT OUT CMD...: CMD in the background with its output in OUT,
# so that a signal to this script stops it at once; on a terminal, TEXT
# and what $progress says, every second (with tail_out set: OUT as it
# grows instead). Returns CMD's status.
run_step() {
	step_text=$1 step_out=$2
	shift 2
	"$@" >"$step_out" 2>&1 &
	child=$!
	step_start=$(date +%s)
	if [ -n "${tail_out:-}" ]; then
		tail -n +1 -f --pid="$child" "$step_out" &
	elif on_tty; then
		while kill -0 "$child" 2>/dev/null; do
			printf '\r\033[K%s %s' "$step_text" "$($progress)"
			sleep 1
		done
		printf '\r\033[K'
	fi
	wait "$child"
	set -- $?
	child=
	[ -z "${tail_out:-}" ] || wait
	return "$1"
}

# Stop when a step could not run or was interrupted (status 2, or a signal).
could_not_run() {
	[ "$1" = 2 ] || [ "$1" -gt 128 ]
}
