# sources.mk -- the POSIX hypervisor's sources, for ./Makefile and for
# environments that build the hypervisor into their own program
# (atf/env/node). Paths are relative to this directory.
#
# HYP_SRCS            every platform's sources
# HYP_NET_SRCS        those of them that need a host network (tap devices,
#                     shared files); an environment without one leaves them out
# HYP_SRCS_<p>        the sources of platform p only: native (a POSIX host),
#                     wasm (emscripten)
# HYP_LDFLAGS_<p>     what the link of a program holding them needs on p

HYP_SRCS	= rumpuser.c hostcalls.c mem.c clock.c thread.c mutex.c rwlock.c \
		  cv.c errtrans.c sigtrans.c component.c dl.c daemonize.c sp.c \
		  file.c hostfile.c bio.c bio_uring.c hostring.c virtif.c shmif.c \
		  packetio.c
HYP_NET_SRCS	= virtif.c shmif.c packetio.c
HYP_SRCS_native	=
HYP_SRCS_wasm	=
HYP_LDFLAGS_wasm =
