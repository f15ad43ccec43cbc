# sources.mk -- the harness's sources, listed once for every build that
# links a part of it: the host test programs and rc_ktap (../../Makefile),
# the Linux guest's module and the WebAssembly build (atf/env/), the
# benchmarks (bench/). Names relative to the project root.

# The mock kernel and the small helpers everything uses.
RC_BASE		= atf/harness/rc_util.c atf/harness/mockkern.c
# The case runner and the hypercall shim.
RC_RUNNER	= atf/harness/rc_run.c atf/harness/rc_shim.c
# The host layer of a POSIX process (also emscripten's).
RC_HOST		= atf/harness/host_posix.c
# The target: dlopen'd (host), or linked in under renamed symbols.
RC_DL		= atf/harness/rc_target_dl.c
RC_STATIC	= atf/harness/rc_target_static.c
# One ATF program per area, each case in its own process (kyua).
RC_ATF		= atf/harness/rc_atf.c atf/harness/rc_remote.c atf/harness/rc_isolate.c
# The KTAP runner (every case of the suite in one program), and its POSIX main.
RC_KTAP		= atf/harness/rc_ktap.c
RC_KTAP_MAIN	= atf/harness/ktap_main.c atf/harness/ktap_posix.c
