#!/bin/sh
# static-renames.sh -- print the objcopy --redefine-syms list that renames a
# target's rumpuser_* entry points to rc_tgt_rumpuser_*, for builds that
# link the target and the suite into one image (see rc_target_static.c).
# Usage: static-renames.sh [PREFIX] > renames.txt
#        objcopy --redefine-syms=renames.txt t.o
# PREFIX defaults to rc_tgt_ (the mutants use posix_ for the reference).
here=$(dirname "$0")
prefix=${1:-rc_tgt_}
{
	sed -n 's/^RC_HC(\([^,]*\), *\([a-z_0-9]*\),.*/\2/p' "$here/hypercalls.def"
	sed -n 's/^RC_HCV(\([a-z_0-9]*\),.*/\1/p' "$here/hypercalls.def"
	printf '%s\n' dprintf exit thread_exit
} | while read -r name; do
	printf 'rumpuser_%s %srumpuser_%s\n' "$name" "$prefix" "$name"
done
