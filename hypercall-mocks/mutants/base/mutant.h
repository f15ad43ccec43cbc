/*
 * mutant.h -- what a broken hypervisor is built from.
 *
 * A mutant is the POSIX reference target with exactly one rule broken. Its
 * library holds the reference objects with every rumpuser_* renamed
 * posix_rumpuser_*, weak forwarders that export the plain names (fwd.c),
 * and the mutant's own strong definitions of the calls it breaks.
 */
#ifndef MUTANT_H
#define MUTANT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <pthread.h>

#define LIBRUMPUSER
#define RUMPUSER_2020
#include <rump/rumpuser.h>
#include <rump/rumpuser_component.h>
#include <rump/virtif_user.h>
#include <rump/shmif_user.h>
#include <rump/netbsd_errno.h>

#define MUTANT_EXPORT __attribute__((__visibility__("default")))

/*
 * The reference implementation of every call, in the platform's standard
 * calling convention even where a mutant builds its own entry points with
 * another (the i386 regparm mutant).
 */
#ifdef __i386__
#define MUTANT_POSIX_ABI __attribute__((__regparm__(0)))
#else
#define MUTANT_POSIX_ABI
#endif
#define RC_HC(ret, name, params, args, cls) MUTANT_POSIX_ABI ret posix_rumpuser_##name params;
#define RC_HCV(name, params, args, cls) MUTANT_POSIX_ABI void posix_rumpuser_##name params;
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
void posix_rumpuser_dprintf(const char *, ...) __printflike(1, 2);
void posix_rumpuser_exit(int) __dead;
void posix_rumpuser_thread_exit(void) __dead;

/* The reference's packet components, renamed like the hypercalls. */
int posix_rumpcomp_virt_create(const char *, struct virtif_sc *, uint8_t *,
    struct virtif_user **);
int posix_rumpcomp_virt_dying(struct virtif_user *);
void posix_rumpcomp_virt_destroy(struct virtif_user *);
void posix_rumpcomp_virt_send(struct virtif_user *, struct iovec *, size_t);
int posix_rumpcomp_shmif_watchsetup(int *, int);
int posix_rumpcomp_shmif_watchwait(int);
int posix_rumpcomp_shmif_mmap(int, size_t, void **);

/* The upcall table the kernel handed to rumpuser_init. */
extern struct rumpuser_hyperup mutant_hyp;

/* The flags a mutex was created with (-1 if unknown). */
int mutant_mutex_flags(struct rumpuser_mtx *);

/*
 * Release / take back the virtual CPU the way the reference does (nothing
 * before init).
 */
void mutant_unschedule(int *nlocks, void *interlock);
void mutant_schedule(int nlocks, void *interlock);

/*
 * The adaptive enter applied to any mutex: try, and if it is busy wait
 * for it off the virtual CPU (for mutants whose enter must not do that).
 */
void mutant_mutex_enter_unscheduling(struct rumpuser_mtx *);

/*
 * For mutants that break the adaptive wait: enter a SPIN mutex the
 * reference's way, or take a free one. 1 if done, 0 if the mutex is busy.
 */
int mutant_mutex_enter_unless_waiting(struct rumpuser_mtx *);

/*
 * rumpuser_init for mutants that break the upcall discipline itself: the
 * reference is initialised with the kernel's table but with the given
 * backend_unschedule / backend_schedule (NULL: the kernel's own) in their
 * slots. mutant_hyp still holds the kernel's table.
 */
int mutant_init_table(int version, const struct rumpuser_hyperup *hyp,
    void (*unsched)(int, int *, void *), void (*sched)(int, void *));

/*
 * A plain joinable or detached host thread running f(arg), for mutants
 * that replace the reference's join: the cookie is a struct mutant_thread.
 */
struct mutant_thread {
	pthread_t	pt;
};
int mutant_thread_create(void *(*f)(void *), void *arg, int mustjoin,
    void **cookie);

/*
 * Run fn(arg) after delay_ms on a helper thread that acts as a kernel
 * thread (its own lwp, a virtual CPU around fn); mutant_later_wait waits
 * for every helper started so far.
 */
void mutant_later(void (*fn)(void *), void *arg, unsigned delay_ms);
void mutant_later_wait(void);

/*
 * Submit a bio to the reference with its completion routed through done,
 * which gets the original (biodone, donearg, dlen, op) and the result.
 */
struct mutant_bio {
	rump_biodone_fn	biodone;
	void		*donearg;
	size_t		dlen;
	int		op;
};
void mutant_bio_submit(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg,
    void (*done)(const struct mutant_bio *, size_t bytes, int error));

/* Whether mtx is an adaptive KMUTEX the caller holds (a cv waiter's
 * interlock the reference may deliver bio completions under). */
int mutant_holds_kmutex(struct rumpuser_mtx *mtx);
/* The CLOCK_MONOTONIC time sec s + nsec ns from now, in *ts. */
struct timespec;
void mutant_deadline_in(struct timespec *ts, int64_t sec, int64_t nsec);

#endif /* MUTANT_H */
