# sources.mk -- the fiber hypervisor's sources and what a program that
# links them needs, for ./Makefile and for environments that build the
# hypervisor into their own program (atf/env/node). Paths are relative to
# this directory.
#
# HYP_SRCS            every platform's sources
# HYP_NET_SRCS        those of them that need a host network (tap devices,
#                     shared files); an environment without one leaves them out
# HYP_SRCS_<p>        the sources of platform p only: native (a POSIX host),
#                     wasm (emscripten)
# HYP_LDFLAGS_<p>     what the link of a program holding them needs on p
#
# Host-independent pieces (errno and signal translation, memory, the
# dynamic-loader walk, daemonizing, component helpers, the virtif and shmif
# calls) come from ../posix, as they neither block nor depend on how
# threads are made; packetio.c is their fiber half (receive, wait).

HYP_SRCS	= rumpuser.c sched.c thread.c clock.c mutex.c rwlock.c cv.c \
		  hostio.c file.c packetio.c \
		  $(addprefix ../posix/,hostcalls.c errtrans.c sigtrans.c mem.c \
		  dl.c daemonize.c component.c sp.c hostfile.c virtif.c shmif.c \
		  hostring.c)
HYP_NET_SRCS	= packetio.c ../posix/virtif.c ../posix/shmif.c

# The context switch: swapcontext natively; emscripten's fibers in wasm,
# which need the program instrumented to unwind and rewind its stack.
HYP_SRCS_native	= plat_posix.c
HYP_SRCS_wasm	= plat_emscripten.c
HYP_LDFLAGS_wasm := -sASYNCIFY \
		  --js-library $(dir $(lastword $(MAKEFILE_LIST)))plat_emscripten.js
