/*
 * rumpuser_int.h -- private glue shared by the POSIX hypervisor sources.
 * Nothing declared here is exported from librumpuser.
 */
#ifndef _RUMPUSER_INT_H_
#define _RUMPUSER_INT_H_

#include <sys/types.h>

#include <pthread.h>

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

#define RUMPUSER_LOCKALIGN	64

/* NetBSD errno values this library returns without translating a host one. */
#define NB_ENOENT	2
#define NB_ENXIO	6
#define NB_EBADF	9
#define NB_ENOMEM	12
#define NB_EFAULT	14
#define NB_EBUSY	16
#define NB_EINVAL	22
#define NB_EPIPE	32
#define NB_ERANGE	34
#define NB_EAGAIN	35
#define NB_EINPROGRESS	36
#define NB_EOPNOTSUPP	45
#define NB_ETIMEDOUT	60
#define NB_ENOSYS	78

/* The upcall table copied by rumpuser_init(). */
extern struct rumpuser_hyperup rumpuser__hyp;

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
 * The lwp bound to the calling host thread (thread.c), read inline by the
 * locks.  initial-exec TLS takes it without a __tls_get_addr call; a
 * dlopen'd library may use it for a few bytes (glibc keeps static TLS
 * space for them).
 */
#if defined(__GLIBC__) && defined(__ELF__)
#define RUMPUSER_TLS_IE	__attribute__((__tls_model__("initial-exec")))
#else
#define RUMPUSER_TLS_IE
#endif
extern __thread struct lwp *rumpuser__curlwp_tls RUMPUSER_TLS_IE;

static inline struct lwp *
rumpuser__curlwp(void)
{

	return rumpuser__curlwp_tls;
}

/*
 * Mutex internals, shared with the condition variables.  word is the
 * futex: 0 free, 1 held, 2 held and someone may sleep on it.
 */
struct rumpuser_mtx {
	uint32_t	word;
	int		flags;		/* RUMPUSER_MTX_SPIN, _KMUTEX */
	struct lwp	*owner;		/* KMUTEX only; atomic access */
} __attribute__((__aligned__(RUMPUSER_LOCKALIGN)));

static inline void
rumpuser__mutex_setowner(struct rumpuser_mtx *mtx)
{

	if (mtx->flags & RUMPUSER_MTX_KMUTEX)
		__atomic_store_n(&mtx->owner, rumpuser__curlwp(),
		    __ATOMIC_RELAXED);
}

static inline void
rumpuser__mutex_clearowner(struct rumpuser_mtx *mtx)
{

	if (mtx->flags & RUMPUSER_MTX_KMUTEX)
		__atomic_store_n(&mtx->owner, NULL, __ATOMIC_RELAXED);
}

/* Free the lock word and wake a sleeper; the owner is the caller's job. */
void rumpuser__mutex_release(struct rumpuser_mtx *);

/* Allocate a lock object aligned to a cache line, aborting on failure. */
void *rumpuser__lockalloc(size_t);

/*
 * Block I/O bookkeeping per host fd (bio.c), for open, close and syncfd:
 * adopt records the O_DIRECT companion of a BIO fd (-1: none); release
 * waits for the fd's bios and returns its companion (-1: none) for the
 * caller to close; drain waits until no bio on fd is in flight.
 */
void rumpuser__bio_adopt(int fd, int directfd);
int rumpuser__bio_release(int fd);
void rumpuser__bio_drain(int fd);

#endif /* _RUMPUSER_INT_H_ */
