/*
 * fiber_int.h -- private glue shared by the fiber hypervisor sources.
 *
 * Every hypercall runs on cooperative user-level threads ("fibers") that
 * share the one host thread which called rumpuser_init.  A fiber runs
 * until it blocks in a hypercall; only then does another one run.
 */
#ifndef _FIBER_INT_H_
#define _FIBER_INT_H_

#if __has_include(<sys/queue.h>)
#include <sys/queue.h>
#else
#include "tailq.h"
#endif
#include <sys/types.h>

#include <poll.h>
#include <time.h>

#include <stddef.h>
#include <stdint.h>

/* What the POSIX and fiber hypervisors share: errnos, upcalls, helpers. */
#include "../posix/rumpuser_common.h"

/*
 * Fibers
 */

#define DEADLINE_NONE	UINT64_MAX

struct fiber;
TAILQ_HEAD(fiberlist, fiber);

/* Fibers blocked on one event, woken in FIFO order. */
struct waitq {
	struct fiberlist head;
	int		count;
};

enum fiber_state { FIBER_RUNNABLE, FIBER_BLOCKED, FIBER_EXITED };

struct fiber {
	TAILQ_ENTRY(fiber) q_entry;	/* run queue or a wait queue */
	TAILQ_ENTRY(fiber) t_entry;	/* timer list, while it has a deadline */
	TAILQ_ENTRY(fiber) a_entry;	/* every live fiber */
	struct waitq	*waitq;		/* the wait queue it is on, or NULL */
	uint64_t	deadline;	/* monotonic ns, or DEADLINE_NONE */
	int		timedout;	/* woken by its deadline, not an event */
	enum fiber_state state;
	struct lwp	*curlwp;	/* bound by curlwpop(SET) */
	int		saved_errno;	/* errno is per fiber, like per thread */
	void		*(*func)(void *);
	void		*arg;
	int		mustjoin;
	struct waitq	joiners;	/* the fiber waiting in thread_join */
	char		name[32];
	struct fiber_ctx *ctx;		/* its stack and saved registers */
};

/*
 * The platform: context switching and waiting for descriptors, one file
 * per platform (sources.mk picks it): plat_posix.c (makecontext,
 * swapcontext, ppoll, clock_nanosleep) on POSIX hosts, plat_emscripten.c (emscripten's
 * fibers, asyncify) under WebAssembly.
 */
struct fiber_ctx;
/* The calling host thread's own context, for the initial fiber. */
struct fiber_ctx *ctx_thread(void);
/* A context that starts in entry() on a stack of its own; NULL if the host is short. */
struct fiber_ctx *ctx_create(void (*entry)(void));
/* Free a context that is not running. */
void ctx_destroy(struct fiber_ctx *);
/* Save the running context in from, then resume to. */
void ctx_switch(struct fiber_ctx *from, struct fiber_ctx *to);
/*
 * ppoll(2) without a signal mask: wait until one of fds is ready or ts
 * (NULL: no limit) has passed; may return 0 early.
 */
int plat_poll(struct pollfd *fds, size_t n, const struct timespec *ts);
/* Sleep the host thread until the monotonic clock reaches deadline (ns); may return early. */
void plat_sleep_until(uint64_t deadline);

/* The running fiber; NULL until the scheduler is first used. */
extern struct fiber *fiber__current;

/* The running fiber, making the calling context the first fiber if needed. */
struct fiber *fiber_self(void);
/* A new runnable fiber running func(arg); NULL if the host is short. */
struct fiber *fiber_create(void *(*func)(void *), void *arg,
    const char *name, int mustjoin);
/* Free an exited joinable fiber. */
void fiber_free(struct fiber *);
/* Wait (keeping any CPU) until joinable f has exited, then free it. */
void fiber_join(struct fiber *f);
void fiber_exit(void) __attribute__((__noreturn__));

void waitq_init(struct waitq *);
/*
 * Block the running fiber on wq (may be NULL) until woken or until the
 * monotonic clock reaches deadline; returns 1 if the deadline woke it.
 */
int fiber_block(struct waitq *wq, uint64_t deadline);
void waitq_wakeone(struct waitq *);
void waitq_wakeall(struct waitq *);
/*
 * Block the running fiber (keeping any CPU) until fd has one of events
 * (poll(2) bits), until woken on wq (may be NULL), or until deadline;
 * returns fd's revents, 0 if it was not ready.
 */
short fiber_wait_fd(int fd, short events, struct waitq *wq,
    uint64_t deadline);
/* Let every other runnable fiber run once. */
void fiber_yield(void);

uint64_t mono_ns(void);
/* now + sec/nsec, saturating; a negative duration gives now. */
uint64_t deadline_after(int64_t sec, int64_t nsec);

/*
 * Mutexes, shared with the condition variables
 */
struct rumpuser_mtx {
	struct fiber	*holder;	/* NULL when free */
	struct lwp	*owner;		/* KMUTEX only: curlwp of the holder */
	int		flags;
	struct waitq	waiters;
};

/* Block (keeping any CPU) until the caller holds mtx. */
void mutex__enter_blocking(struct rumpuser_mtx *);
/* Let go of mtx, which the caller holds, and wake a waiter. */
void mutex__release(struct rumpuser_mtx *);

/*
 * Host I/O on helper host threads (hostio.c), so that a slow or blocking
 * host call stalls one fiber and not the whole hypervisor.  Helpers never
 * call into the kernel or the scheduler: finished requests are queued
 * and collected by the scheduler, which sleeps on hostio_fd() while idle
 * with requests in flight.
 */
struct hostio_req {
	TAILQ_ENTRY(hostio_req) entry;
	int		(*fn)(void *);	/* on a helper; returns a host errno */
	void		*arg;
	int		error;		/* what fn returned */
	/* On the fiber side once fn is done; NULL wakes the waiters. */
	void		(*done)(struct hostio_req *);
	struct waitq	waiters;
	int		finished;
	int		on_ring;	/* hostio_start_transfer took it */
	ssize_t		result;		/* its bytes (error 0) */
};

/* Run fn(arg) on a helper; the calling fiber blocks (keeping any CPU). */
int hostio_run(int (*fn)(void *), void *arg);
/* Start req->fn on a helper; req->done runs later on the fiber side. */
void hostio_start(struct hostio_req *);
int hostio_inflight(void);
/*
 * Start a read or write of the whole buffer on the host's io_uring; done
 * runs later with result (or error) set. -1 when the ring is missing or
 * refused (RUMPUSER_BIO=threads), full, or a fault injector is armed:
 * start it with hostio_start then.
 */
int hostio_start_transfer(struct hostio_req *, int write, int fd, void *buf,
    size_t len, int64_t off);
/* Submit the transfers held on the ring (the caller switches fibers). */
void hostio_ring_submit(void);
/* Handle every finished request; never blocks. */
void hostio_collect(void);
/* What the idle scheduler polls: the helpers' pipe, the ring (-1: none). */
int hostio_fd(void);
int hostio_ring_fd(void);

#endif /* _FIBER_INT_H_ */
