#!/bin/sh
# deps.sh -- install what the node and browser environments need from Debian (idempotent):
# emscripten for the build, chromium for ../browser. node is used as
# found (Debian's nodejs is installed only when there is no node at all).
#   deps.sh [--browser]
set -e
need=
command -v emcc >/dev/null 2>&1 || need="$need emscripten"
command -v node >/dev/null 2>&1 || need="$need nodejs"
if [ "$1" = --browser ]; then
	command -v chromium >/dev/null 2>&1 || need="$need chromium"
fi
[ -z "$need" ] && exit 0
[ "$(id -u)" = 0 ] || { echo "need root to install:$need" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need >/dev/null
