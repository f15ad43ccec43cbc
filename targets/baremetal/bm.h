/*
 * bm.h -- private glue of the bare-metal hypervisor (targets/baremetal):
 * cooperative threads, the heap and the file table, on machine.h. Also
 * what the bare-metal test environment (atf/env/baremetal) may call
 * beside the rumpuser_* entry points.
 */
#ifndef BM_H
#define BM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define LIBRUMPUSER
#include <rump/rumpuser.h>
#include <rump/rumpuser_component.h>
#include <rump/netbsd_errno.h>

#include "machine.h"

/* --- threads (sched.c) ---------------------------------------------------- */
#define BM_NEVER	UINT64_MAX	/* no deadline */

struct bm_thread;

/* Threads blocked on one event, woken in FIFO order. */
struct bm_waitq {
	struct bm_thread *head, *tail;
	int count;
};

/* The running thread (the boot context is the first one). */
struct bm_thread *bm_self(void);
/* A new runnable thread running func(arg); NULL when out of memory. */
struct bm_thread *bm_thread_new(void *(*func)(void *), void *arg,
    const char *name, int mustjoin);
void bm_thread_exit(void) __attribute__((__noreturn__));
/* Wait (keeping any virtual CPU) until joinable t has exited; frees it. */
void bm_thread_join(struct bm_thread *t);
const char *bm_thread_name(struct bm_thread *t);
/*
 * Block the running thread on wq (may be NULL) until woken or until
 * the monotonic clock reaches deadline; 1 if the deadline woke it.
 */
int bm_block(struct bm_waitq *wq, uint64_t deadline);
void bm_wakeone(struct bm_waitq *wq);
void bm_wakeall(struct bm_waitq *wq);
/* Let every other runnable thread run once. */
void bm_yield(void);
/* Sleep (keeping any virtual CPU) until mono ns deadline. */
void bm_sleep_until(uint64_t deadline);
/* Threads alive, and the lwp bound to the running one. */
int bm_thread_count(void);
struct lwp **bm_self_lwp(void);
int *bm_self_errno(void);

/* now + sec/nsec in mono ns, saturating; negative durations give now. */
uint64_t bm_deadline_after(int64_t sec, int64_t nsec);

/* --- memory (mem.c) ------------------------------------------------------- */
/* align: a power of two; NULL when out of memory. Not zeroed. */
void *bm_alloc(size_t size, size_t align);
void bm_free(void *p);
/* The size bm_alloc gave p (at least what was asked). */
size_t bm_alloc_size(void *p);
/* Bytes handed out and not freed. */
size_t bm_heap_in_use(void);

/* --- upcalls, errors (base.c) --------------------------------------------- */
extern struct rumpuser_hyperup bm_up;
void bm_unschedule(int *nlocks, void *interlock);
void bm_schedule(int nlocks, void *interlock);
/* Report an internal failure of the hypervisor and stop the machine. */
void bm_fatal(const char *fmt, ...)
    __attribute__((__noreturn__, __format__(__printf__, 1, 2)));
void bm_printf(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
/* The getparam table (the command line's NAME=VALUE words, then these). */
int bm_param_set(const char *name, const char *value);

/* --- mutexes, shared with the cvs (lock.c) -------------------------------- */
struct rumpuser_mtx {
	struct bm_thread *holder;	/* NULL when free */
	struct lwp *owner;		/* KMUTEX: curlwp of the holder */
	int flags;
	struct bm_waitq waiters;
};
void bm_mutex_take_blocking(struct rumpuser_mtx *);
void bm_mutex_release(struct rumpuser_mtx *);

/* --- files on the machine's block devices (file.c) ------------------------ */
/*
 * Make name a file of size bytes (type RUMPUSER_FT_REG or _BLK): over NULL,
 * on a fresh region of block device 0 that reads as zeros (what a new
 * sparse file is: the environment's scratch files, recycled once the disk
 * is used up); otherwise a view of the bytes of the file named over (a
 * loop device). Binding a name again replaces it. 0 or a NetBSD errno.
 */
int bm_file_bind(const char *name, uint64_t size, int type, const char *over);
/* Open descriptors. */
int bm_file_count(void);

/* --- packet I/O (virtif.c) ------------------------------------------------ */
/* Let devstr name (the environment's "tap") stand for NIC nic. */
int bm_virtif_name(const char *name, int nic);

#endif /* BM_H */
