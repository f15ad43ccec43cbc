/*
 * mockkern.h -- the mock rump kernel: the kernel side of the rumpuser
 * contract, reduced to its bookkeeping.
 *
 * It hands rumpuser_init a real upcall table and tracks, per lwp (as the
 * real kernel does: a virtual CPU belongs to the lwp running on it),
 * whether a CPU is held, the big-lock count handed out through
 * hyp_backend_unschedule and the interlock passed with it. Whatever breaks
 * the contract is recorded as a violation carrying a catalog ID.
 */
#ifndef MOCKKERN_H
#define MOCKKERN_H

#include "rc_target.h"

#define MK_LWP_MAGIC	0x6c777021u	/* "lwp!" */
#define MK_LWP_DEAD	0xdeadc0deu

struct lwp {
	uint32_t l_magic;
	int l_id;
	int l_implicit;		/* temporary lwp of hyp_schedule */
	int l_pid;		/* its process: hyp_lwproc_newlwp's pid (0: proc0) */
	int l_cpu;		/* holds a virtual CPU */
	int l_biglocks;		/* big-lock depth while on the CPU */
	int l_handed;		/* count given out by backend_unschedule */
	void *l_interlock;	/* interlock given with it */
	int l_backend_out;	/* between backend_unschedule and _schedule */
	unsigned long l_unsched;	/* backend_unschedule calls */
	unsigned long l_sched;	/* backend_schedule calls */
};

/* Forget everything about the previous case. */
void mk_reset(void);

/* Boot: rumpuser_init(version, table). Returns what init returned. */
int mk_boot(int version);
const struct rumpuser_hyperup *mk_table(void);

/* lwps: create (CREATE op), destroy (DESTROY op). */
struct lwp *mk_lwp_create(void);
void mk_lwp_destroy(struct lwp *);
/* lwps created and not yet destroyed, for leak checks. */
int mk_lwps_live(void);
/* Bind l to this thread and take a CPU; the reverse. */
void mk_enter(struct lwp *l);
void mk_leave(void);

/* The lwp bound to this thread (via the target), NULL if none or bogus. */
struct lwp *mk_curlwp(void);
int mk_has_cpu(void);
unsigned long mk_unsched_count(void);

/*
 * Watch cv-wait reacquire order on an interlock. Whether the mutex is held
 * is probed with tryenter by an lwp of the mock's own (bound for the probe
 * on the calling thread), never by the holder: a hypervisor may let the
 * holding lwp recurse (MTX-004), which would read as "free". mk_watch is
 * called holding m and checks the probe sees it held (w_probe_ok); if
 * not, tryenter cannot tell held from free and the order cannot be judged.
 */
struct mk_watch {
	struct rumpuser_mtx *w_mtx;
	struct lwp *w_probe;	/* the lwp that probes */
	int w_probe_ok;		/* the probe saw m held while it was */
	int w_reschedules;	/* backend_schedule calls with it */
	int w_held_at_sched;	/* times it was held at that moment */
};
void mk_watch(struct mk_watch *, struct rumpuser_mtx *);
void mk_unwatch(void);

/* Treat m as the per-CPU scheduler lock (see the corner case in 2.5). */
void mk_set_schedlock(struct rumpuser_mtx *m);

/* Violations. */
void mk_violation(const char *id, const char *fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));
int mk_nviolations(void);
const char *mk_violation_at(int i, const char **id);
void mk_clear_violations(void);

/* Every ID mk_violation is called with (here and in the shim). */
#define MK_VIOLATION_IDS \
	"UPC-001 UPC-002 UPC-003 UPC-004 UPC-005 UPC-006 UPC-007 LWP-002 LWP-003 LWP-004"

/* rumpuser_init has returned 0 since the last mk_reset: hypercalls may be made. */
int mk_booted(void);
void mk_set_booted(void);

#endif /* MOCKKERN_H */
