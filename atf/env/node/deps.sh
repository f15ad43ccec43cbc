#!/bin/sh
# deps.sh -- install what the node and browser environments need from Debian (idempotent):
# emscripten for the build, chromium for ../browser. node is used as
# found (Debian's nodejs is installed only when there is no node at all).
# What is missing goes through scripts/deps.sh, which says which packages,
# then installs them as root with apt-get --no-remove (not root: it says
# the command to run, exit 1).
#   deps.sh [--browser]
set -e
need=
command -v emcc >/dev/null 2>&1 || need="$need emscripten"
command -v node >/dev/null 2>&1 || need="$need nodejs"
if [ "$1" = --browser ]; then
	command -v chromium >/dev/null 2>&1 || need="$need chromium"
fi
[ -z "$need" ] && exit 0
# shellcheck disable=SC2086 # a list of package names
exec "$(dirname "$0")/../../scripts/deps.sh" --packages $need
