/*
 * rumpuser_int.h -- private glue shared by the POSIX hypervisor sources,
 * on top of what it shares with the fiber one (rumpuser_common.h).
 * Nothing declared here is exported from librumpuser.
 */
#ifndef _RUMPUSER_INT_H_
#define _RUMPUSER_INT_H_

#include <sys/types.h>

#include <pthread.h>

#include "rumpuser_common.h"

#define RUMPUSER_LOCKALIGN	64

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
/*
 * The caller is about to block: submit the bios held on the io_uring for
 * one submit (bio_uring.c). Up to max bios that have completed (and no
 * other thread is reaping) are copied to done[], settled, and counted in
 * the return value: the caller delivers them (rumpuser__bio_deliver,
 * holding a CPU).
 */
struct bioreq;
int rumpuser__bio_flush(struct bioreq *done, int max);
/* Whether bios are held or completed on the io_uring (no lock: a hint). */
int rumpuser__bio_pending(void);
void rumpuser__bio_deliver(const struct bioreq *, int);

#endif /* _RUMPUSER_INT_H_ */
