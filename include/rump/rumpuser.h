/*
 * rumpuser.h -- the rump kernel hypercall interface, revision 17.
 *
 * Written for rumpcheck from the published facts of the interface: every
 * prototype, constant and the upcall table, in the order and types a rump
 * kernel built against revision 17 expects, so that a hypervisor compiled
 * against this header is ABI-compatible with real rump kernels.
 *
 * Rules of inclusion (the same as the original header):
 *  - nothing is included here; the includer provides uint64_t, int64_t,
 *    size_t, pid_t and the __dead and __printflike macros (defaults are
 *    supplied below when absent);
 *  - _KERNEL or LIBRUMPUSER must be defined;
 *  - curlwp operations are visible only with LIBRUMPUSER or
 *    RUMP__CURLWP_PRIVATE, the syscall proxy only with LIBRUMPUSER or
 *    _RUMP_SYSPROXY.
 *
 * RUMPUSER_2020 selects the two additions made inside revision 17 in 2020:
 * rumpuser_mutex_spin_p() and the fourth (evcnt) argument of
 * rumpuser_dl_bootstrap().
 */
#ifndef _RUMP_RUMPUSER_H_
#define _RUMP_RUMPUSER_H_

#if !defined(_KERNEL) && !defined(LIBRUMPUSER)
#error The rump/rumpuser.h interface is for rump kernels and hypervisors only
#endif

#ifndef __dead
#define __dead __attribute__((__noreturn__))
#endif
#ifndef __printflike
#define __printflike(fmt, args) __attribute__((__format__(__printf__, fmt, args)))
#endif

#define RUMPUSER_VERSION 17

/* Opaque types, owned by the kernel or by the hypervisor. */
struct lwp;
struct modinfo;
struct rump_component;
struct evcnt;
struct rumpuser_mtx;
struct rumpuser_rw;
struct rumpuser_cv;

/* The upcall table handed to rumpuser_init(); copied by value. */
struct rumpuser_hyperup {
	void (*hyp_schedule)(void);
	void (*hyp_unschedule)(void);
	void (*hyp_backend_unschedule)(int nlocks, int *countp, void *interlock);
	void (*hyp_backend_schedule)(int nlocks, void *interlock);
	void (*hyp_lwproc_switch)(struct lwp *);
	void (*hyp_lwproc_release)(void);
	int (*hyp_lwproc_rfork)(void *priv, int flags, const char *comm);
	int (*hyp_lwproc_newlwp)(pid_t);
	struct lwp *(*hyp_lwproc_curlwp)(void);
	int (*hyp_syscall)(int num, void *arg, long *retval);
	void (*hyp_lwpexit)(void);
	void (*hyp_execnotify)(const char *comm);
	pid_t (*hyp_getpid)(void);
	void *hyp__extra[8];
};

int rumpuser_init(int version, const struct rumpuser_hyperup *hyp);

/* Memory */
int rumpuser_malloc(size_t len, int alignment, void **memp);
void rumpuser_free(void *mem, size_t len);
int rumpuser_anonmmap(void *prefaddr, size_t size, int alignbit, int exec,
    void **memp);
void rumpuser_unmap(void *addr, size_t len);

/* Files and I/O */
#define RUMPUSER_OPEN_RDONLY	0x0000
#define RUMPUSER_OPEN_WRONLY	0x0001
#define RUMPUSER_OPEN_RDWR	0x0002
#define RUMPUSER_OPEN_ACCMODE	0x0003
#define RUMPUSER_OPEN_CREATE	0x0004
#define RUMPUSER_OPEN_EXCL	0x0008
#define RUMPUSER_OPEN_BIO	0x0010
int rumpuser_open(const char *name, int mode, int *fdp);
int rumpuser_close(int fd);

#define RUMPUSER_FT_OTHER	0
#define RUMPUSER_FT_DIR		1
#define RUMPUSER_FT_REG		2
#define RUMPUSER_FT_BLK		3
#define RUMPUSER_FT_CHR		4
int rumpuser_getfileinfo(const char *name, uint64_t *size, int *type);

#define RUMPUSER_BIO_READ	0x01
#define RUMPUSER_BIO_WRITE	0x02
#define RUMPUSER_BIO_SYNC	0x04
typedef void (*rump_biodone_fn)(void *donearg, size_t bytes, int error);
void rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg);

/* Same layout as the NetBSD kernel's struct iovec. */
struct rumpuser_iovec {
	void *iov_base;
	size_t iov_len;
};
#define RUMPUSER_IOV_NOSEEK	-1
int rumpuser_iovread(int fd, struct rumpuser_iovec *ruiov, size_t iovlen,
    int64_t off, size_t *retv);
int rumpuser_iovwrite(int fd, const struct rumpuser_iovec *ruiov,
    size_t iovlen, int64_t off, size_t *retv);

#define RUMPUSER_SYNCFD_READ	0x01
#define RUMPUSER_SYNCFD_WRITE	0x02
#define RUMPUSER_SYNCFD_BOTH	(RUMPUSER_SYNCFD_READ | RUMPUSER_SYNCFD_WRITE)
#define RUMPUSER_SYNCFD_BARRIER	0x04
#define RUMPUSER_SYNCFD_SYNC	0x08
int rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len);

/* Clocks */
enum rumpclock { RUMPUSER_CLOCK_RELWALL, RUMPUSER_CLOCK_ABSMONO };
int rumpuser_clock_gettime(int enum_rumpclock, int64_t *sec, long *nsec);
int rumpuser_clock_sleep(int enum_rumpclock, int64_t sec, long nsec);

/* Parameters */
#define RUMPUSER_PARAM_NCPU "_RUMPUSER_NCPU"
#define RUMPUSER_PARAM_HOSTNAME "_RUMPUSER_HOSTNAME"
int rumpuser_getparam(const char *name, void *buf, size_t buflen);

/* Errno, signals, termination, console */
void rumpuser_seterrno(int);

#define RUMPUSER_PID_SELF ((int64_t)-1)
int rumpuser_kill(int64_t pid, int sig);

#define RUMPUSER_PANIC (-1)
void rumpuser_exit(int) __dead;

void rumpuser_putchar(int);
void rumpuser_dprintf(const char *, ...) __printflike(1, 2);

/* Random */
#define RUMPUSER_RANDOM_HARD	0x01
#define RUMPUSER_RANDOM_NOWAIT	0x02
int rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp);

/* Threads */
int rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie);
void rumpuser_thread_exit(void) __dead;
int rumpuser_thread_join(void *cookie);

#if defined(LIBRUMPUSER) || defined(RUMP__CURLWP_PRIVATE)
enum rumplwpop {
	RUMPUSER_LWP_CREATE, RUMPUSER_LWP_DESTROY,
	RUMPUSER_LWP_SET, RUMPUSER_LWP_CLEAR
};
void rumpuser_curlwpop(int enum_rumplwpop, struct lwp *l);
struct lwp *rumpuser_curlwp(void);
#endif

/* Mutexes */
#define RUMPUSER_MTX_SPIN	0x01
#define RUMPUSER_MTX_KMUTEX	0x02
void rumpuser_mutex_init(struct rumpuser_mtx **, int flags);
void rumpuser_mutex_enter(struct rumpuser_mtx *);
void rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *);
int rumpuser_mutex_tryenter(struct rumpuser_mtx *);
void rumpuser_mutex_exit(struct rumpuser_mtx *);
void rumpuser_mutex_destroy(struct rumpuser_mtx *);
void rumpuser_mutex_owner(struct rumpuser_mtx *, struct lwp **);
#ifdef RUMPUSER_2020
int rumpuser_mutex_spin_p(struct rumpuser_mtx *);
#endif

/* Read/write locks */
enum rumprwlock { RUMPUSER_RW_READER, RUMPUSER_RW_WRITER };
void rumpuser_rw_init(struct rumpuser_rw **);
void rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *);
int rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *);
int rumpuser_rw_tryupgrade(struct rumpuser_rw *);
void rumpuser_rw_downgrade(struct rumpuser_rw *);
void rumpuser_rw_exit(struct rumpuser_rw *);
void rumpuser_rw_destroy(struct rumpuser_rw *);
void rumpuser_rw_held(int enum_rumprwlock, struct rumpuser_rw *, int *heldp);

/* Condition variables */
void rumpuser_cv_init(struct rumpuser_cv **);
void rumpuser_cv_destroy(struct rumpuser_cv *);
void rumpuser_cv_wait(struct rumpuser_cv *, struct rumpuser_mtx *);
void rumpuser_cv_wait_nowrap(struct rumpuser_cv *, struct rumpuser_mtx *);
int rumpuser_cv_timedwait(struct rumpuser_cv *, struct rumpuser_mtx *,
    int64_t sec, int64_t nsec);
void rumpuser_cv_signal(struct rumpuser_cv *);
void rumpuser_cv_broadcast(struct rumpuser_cv *);
void rumpuser_cv_has_waiters(struct rumpuser_cv *, int *waitersp);

/* Dynamic loading of kernel modules and components */
typedef void (*rump_modinit_fn)(const struct modinfo *const *, size_t);
typedef int (*rump_symload_fn)(void *symtab, uint64_t symsize, char *strtab,
    uint64_t strsize);
typedef void (*rump_compload_fn)(const struct rump_component *);
#ifdef RUMPUSER_2020
typedef void (*rump_evcntattach_fn)(struct evcnt *);
void rumpuser_dl_bootstrap(rump_modinit_fn, rump_symload_fn,
    rump_compload_fn, rump_evcntattach_fn);
#else
void rumpuser_dl_bootstrap(rump_modinit_fn, rump_symload_fn,
    rump_compload_fn);
#endif

/* Daemonizing the process that hosts the rump kernel */
int rumpuser_daemonize_begin(void);
int rumpuser_daemonize_done(int error);

/* Syscall proxy */
#if defined(LIBRUMPUSER) || defined(_RUMP_SYSPROXY)
int rumpuser_sp_init(const char *url, const char *ostype,
    const char *osrelease, const char *machine);
int rumpuser_sp_copyin(void *client, const void *raddr, void *laddr,
    size_t len);
int rumpuser_sp_copyinstr(void *client, const void *raddr, void *laddr,
    size_t *lenp);
int rumpuser_sp_copyout(void *client, const void *laddr, void *raddr,
    size_t len);
int rumpuser_sp_copyoutstr(void *client, const void *laddr, void *raddr,
    size_t *lenp);
int rumpuser_sp_anonmmap(void *client, size_t howmuch, void **addr);
int rumpuser_sp_raise(void *client, int signo);
void rumpuser_sp_fini(void *client);
#endif

#endif /* _RUMP_RUMPUSER_H_ */
