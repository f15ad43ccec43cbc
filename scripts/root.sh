# root.sh -- the project root for the shell programs (sourced): sets and
# exports RUMPCHECK_ROOT, from the environment, else the nearest directory
# above the sourcing program that holds scripts/root.sh. scripts/rcroot.py
# is the same rule for the Python ones.
rc_find_root() {
	rc_dir=$(cd "$(dirname "$0")" && pwd)
	while [ "$rc_dir" != / ] && [ ! -f "$rc_dir/scripts/root.sh" ]; do
		rc_dir=$(dirname "$rc_dir")
	done
	echo "$rc_dir"
}
RUMPCHECK_ROOT=${RUMPCHECK_ROOT:-$(rc_find_root)}
export RUMPCHECK_ROOT
