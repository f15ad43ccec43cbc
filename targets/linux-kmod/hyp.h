/*
 * hyp.h -- private glue of the Linux kernel module hypervisor.
 *
 * Every rumpuser_* name below is renamed rc_tgt_rumpuser_* at build time
 * (renames.h, generated from atf/harness/static-renames.sh), so the module
 * can carry the suite's shim under the plain names next to us.
 */
#ifndef HYP_H
#define HYP_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define LIBRUMPUSER
#include <rump/rumpuser.h>
#include <rump/rumpuser_component.h>

#include "kmod.h"

/* NetBSD errno values (the interface's numbering). */
#include <rump/netbsd_errno.h>

/* The upcall table copied by rumpuser_init(). */
extern struct rumpuser_hyperup hyp_up;

/* Linux errno (positive or negative) to NetBSD errno; 0 stays 0. */
int hyp_errtrans(int linux_errno);

/* Report an internal failure of a void hypercall and park the thread. */
void hyp_fatal(const char *fmt, ...) __attribute__((__noreturn__, __format__(__printf__, 1, 2)));

/* Park the calling thread for good (it never returns, never runs again). */
void hyp_park(void) __attribute__((__noreturn__));

/* Give up the virtual CPU around blocking, and take it back. */
static inline void
hyp_unschedule(int *nlocksp, void *interlock)
{
	*nlocksp = 0;
	if (hyp_up.hyp_backend_unschedule != NULL)
		hyp_up.hyp_backend_unschedule(0, nlocksp, interlock);
}

static inline void
hyp_schedule(int nlocks, void *interlock)
{
	if (hyp_up.hyp_backend_schedule != NULL)
		hyp_up.hyp_backend_schedule(nlocks, interlock);
}

/*
 * A sleeping lock owned by a task: it blocks the task in Linux terms but
 * never touches the virtual CPU; callers decide whether to unschedule.
 */
struct hyp_lock {
	struct task_struct *owner;	/* cmpxchg'd */
	wait_queue_head_t wq;
};

void hyp_lock_init(struct hyp_lock *);
int hyp_lock_try(struct hyp_lock *);
void hyp_lock_wait(struct hyp_lock *);	/* blocking acquire */
void hyp_lock_release(struct hyp_lock *);

struct rumpuser_mtx {
	struct hyp_lock lock;
	struct lwp *owner;		/* KMUTEX: the holder's lwp */
	int flags;
};

/* Take and release mtx as a cv wait does: no CPU handling, owner kept. */
void hyp_mutex_acquire(struct rumpuser_mtx *);
void hyp_mutex_release(struct rumpuser_mtx *);



#endif /* HYP_H */
