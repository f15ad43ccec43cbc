/*
 * rumpuser_common.h -- private glue the POSIX and the fiber hypervisors
 * share: the exported headers, the NetBSD errno values returned as they
 * are, the upcall table, the helpers of hostcalls.c, errtrans.c and
 * sigtrans.c, and the wrappers that give up the virtual CPU and take it
 * back.  rumpuser_int.h (POSIX) and ../fiber/fiber_int.h add each one's
 * own.  Nothing declared here is exported from librumpuser.
 */
#ifndef _RUMPUSER_COMMON_H_
#define _RUMPUSER_COMMON_H_

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

/*
 * Everything the public headers declare is the exported interface; the
 * rest of the library is hidden by -fvisibility=hidden.
 */
#pragma GCC visibility push(default)
#include <rump/rumpuser.h>
#include <rump/rumpuser_component.h>
#pragma GCC visibility pop

/* NetBSD errno values returned without translating a host one. */
#include <rump/netbsd_errno.h>

#define NSEC_PER_SEC	1000000000L

/* The upcall table copied by rumpuser_init(). */
extern struct rumpuser_hyperup rumpuser__hyp;

/*
 * rumpuser_init's checks: refuse (NB_EINVAL, with a line on stderr) another
 * hypercall revision or no upcall table, else copy the table.
 */
int rumpuser__init_table(int, const struct rumpuser_hyperup *);

/* Host errno to NetBSD errno; 0 stays 0. */
int rumpuser__errtrans(int);
#define ET(e)	rumpuser__errtrans(e)

/* NetBSD signal number to host signal number, 0 if the host has none. */
int rumpuser__sigtrans(int);

/* How many virtual CPUs this hypervisor offers (_RUMPUSER_NCPU). */
long rumpuser__ncpu(void);

/* Print "rumpuser: fatal: <msg>" on stderr and abort. */
void rumpuser__fatal(const char *, ...)
    __attribute__((__noreturn__, __format__(__printf__, 1, 2)));

/*
 * Give up the virtual CPU around a blocking operation and take it back.
 * Before init there is no kernel, so there is nothing to give up.
 */
static inline void
rumpuser__unschedule(int *nlocksp, void *interlock)
{

	*nlocksp = 0;
	if (rumpuser__hyp.hyp_backend_unschedule != NULL)
		rumpuser__hyp.hyp_backend_unschedule(0, nlocksp, interlock);
}

static inline void
rumpuser__schedule(int nlocks, void *interlock)
{

	if (rumpuser__hyp.hyp_backend_schedule != NULL)
		rumpuser__hyp.hyp_backend_schedule(nlocks, interlock);
}

/*
 * getfileinfo on the host (hostfile.c): name's RUMPUSER_FT_* type, and
 * with sizep its size (a device's from the device).  Returns a host errno.
 */
int rumpuser__fileinfo(const char *name, uint64_t *sizep, int *typep);

/*
 * RUMP_THREADS=0, the kernel's switch for running without threads: block
 * I/O then completes in the submitter (hostcalls.c).
 */
int rumpuser__threads_disabled(void);

/* Host open(2) flags for a v17 open mode, or -1 for a mode v17 lacks (hostfile.c). */
int rumpuser__open_hostflags(int mode);

/* The host's IOV_MAX (-1: no limit), asked once (sysconf costs ~100 Ir). */
long rumpuser__iov_max(void);
struct iovec;
/*
 * One host readv/writev (off RUMPUSER_IOV_NOSEEK: at and moving the file
 * offset) or preadv/pwritev at off (hostfile.c): bytes moved, or -1 with
 * errno. More than IOV_MAX pieces is EINVAL on every host.
 */
ssize_t rumpuser__host_iov(int fd, int iswrite, const struct iovec *iov,
    int iovcnt, int64_t off);

/*
 * What clock_sleep refuses with EINVAL: nsec outside [0, 1 s), a clock
 * other than RELWALL and ABSMONO, a negative duration.  A negative
 * ABSMONO time is valid: it has passed.
 */
static inline int
rumpuser__clock_sleep_check(int enum_rumpclock, int64_t sec, long nsec)
{

	if (nsec < 0 || nsec >= NSEC_PER_SEC)
		return NB_EINVAL;
	if (enum_rumpclock == RUMPUSER_CLOCK_RELWALL)
		return sec < 0 ? NB_EINVAL : 0;
	return enum_rumpclock == RUMPUSER_CLOCK_ABSMONO ? 0 : NB_EINVAL;
}

#endif /* _RUMPUSER_COMMON_H_ */
