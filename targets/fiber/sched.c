/*
 * sched.c -- the fiber scheduler: one host thread, a FIFO run queue,
 * wait queues, and deadlines on the monotonic clock with nanosecond
 * resolution.
 *
 * A fiber that blocks picks the next runnable fiber and switches to it
 * itself.  When nothing is runnable it wakes fibers whose deadline has
 * passed and finished host I/O; failing that it sleeps the host thread
 * until the earliest deadline (plat_sleep_until), or until a helper thread
 * finishes some I/O or a descriptor a fiber waits for becomes ready
 * (ppoll).  While other fibers are runnable, waited-for descriptors are
 * still polled every FDPOLL_BUSY_NS.  With no fiber runnable, no
 * deadline, no I/O in flight and no descriptor waited for nothing can
 * ever run again: that is reported and the process aborts instead of
 * hanging.
 */
#include "fiber_int.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FDPOLL_BUSY_NS	100000	/* 100 us */

struct fiber *fiber__current;

static struct fiber initial_fiber;
static struct fiberlist runq = TAILQ_HEAD_INITIALIZER(runq);
static struct fiberlist timers = TAILQ_HEAD_INITIALIZER(timers);	/* by deadline */
static struct fiberlist zombies = TAILQ_HEAD_INITIALIZER(zombies);	/* to free */
static struct fiberlist allfibers = TAILQ_HEAD_INITIALIZER(allfibers);

/* A fiber blocked in fiber_wait_fd; lives on that fiber's stack. */
struct fdwaiter {
	TAILQ_ENTRY(fdwaiter) entry;
	struct fiber	*fiber;
	int		fd;
	short		events;
	short		revents;
};
static TAILQ_HEAD(, fdwaiter) fdwaiters = TAILQ_HEAD_INITIALIZER(fdwaiters);
static size_t nfdwaiters;
static struct pollfd *pollset;	/* the I/O pipe, then each waiter's fd */
static size_t pollsetcap;
static uint64_t last_fdpoll;

uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t
deadline_after(int64_t sec, int64_t nsec)
{
	uint64_t now = mono_ns(), rel;

	if (sec < 0 || nsec < 0)
		return now;
	sec += nsec / NSEC_PER_SEC;
	nsec %= NSEC_PER_SEC;
	/* Anything past ~500 years is as good as forever (but still timed). */
	if ((uint64_t)sec >= (DEADLINE_NONE - 1 - now) / NSEC_PER_SEC - 1)
		return DEADLINE_NONE - 1;
	rel = (uint64_t)sec * NSEC_PER_SEC + (uint64_t)nsec;
	return now + rel;
}

static void
fiber_init_initial(void)
{
	struct fiber *f = &initial_fiber;

	strcpy(f->name, "initial");
	f->ctx = ctx_thread();
	f->state = FIBER_RUNNABLE;
	f->deadline = DEADLINE_NONE;
	waitq_init(&f->joiners);
	TAILQ_INSERT_TAIL(&allfibers, f, a_entry);
	fiber__current = f;
}

struct fiber *
fiber_self(void)
{

	if (fiber__current == NULL)
		fiber_init_initial();
	return fiber__current;
}

/*
 * Wait queues and timers
 */

void
waitq_init(struct waitq *wq)
{

	TAILQ_INIT(&wq->head);
	wq->count = 0;
}

static void
timer_insert(struct fiber *f, uint64_t deadline)
{
	struct fiber *t;

	f->deadline = deadline;
	TAILQ_FOREACH(t, &timers, t_entry) {
		if (t->deadline > deadline) {
			TAILQ_INSERT_BEFORE(t, f, t_entry);
			return;
		}
	}
	TAILQ_INSERT_TAIL(&timers, f, t_entry);
}

static void
make_runnable(struct fiber *f)
{

	if (f->waitq != NULL) {
		TAILQ_REMOVE(&f->waitq->head, f, q_entry);
		f->waitq->count--;
		f->waitq = NULL;
	}
	if (f->deadline != DEADLINE_NONE) {
		TAILQ_REMOVE(&timers, f, t_entry);
		f->deadline = DEADLINE_NONE;
	}
	f->state = FIBER_RUNNABLE;
	TAILQ_INSERT_TAIL(&runq, f, q_entry);
}

void
waitq_wakeone(struct waitq *wq)
{
	struct fiber *f = TAILQ_FIRST(&wq->head);

	if (f != NULL)
		make_runnable(f);
}

void
waitq_wakeall(struct waitq *wq)
{
	struct fiber *f;

	while ((f = TAILQ_FIRST(&wq->head)) != NULL)
		make_runnable(f);
}

static void
timers_expire(void)
{
	struct fiber *f;
	uint64_t now;

	if (TAILQ_EMPTY(&timers))
		return;
	now = mono_ns();
	while ((f = TAILQ_FIRST(&timers)) != NULL && f->deadline <= now) {
		f->timedout = 1;
		make_runnable(f);
	}
}

/*
 * Idling
 */

static void __attribute__((__noreturn__))
report_deadlock(void)
{
	struct fiber *f;

	fprintf(stderr, "rumpuser: fatal: every fiber is blocked with no "
	    "deadline and no I/O in flight:\n");
	TAILQ_FOREACH(f, &allfibers, a_entry)
		fprintf(stderr, "  fiber %p \"%s\" lwp %p %s\n", (void *)f,
		    f->name, (void *)f->curlwp,
		    f->state == FIBER_EXITED ? "exited" : "blocked");
	abort();
}

static struct timespec
ns_to_timespec(uint64_t ns)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (long)(ns % NSEC_PER_SEC);
	return ts;
}

static void
pollset_reserve(size_t n)
{
	struct pollfd *p;

	if (n <= pollsetcap)
		return;
	if ((p = realloc(pollset, n * sizeof(*p))) == NULL)
		rumpuser__fatal("no memory to wait for %zu descriptors", n);
	pollset = p;
	pollsetcap = n;
}

/*
 * Poll the I/O completion pipe and io_uring (with requests in flight) and every
 * waited-for descriptor, waking the fibers whose descriptor is ready.
 * The fibers keep their place on the list until they run again.
 */
static void
poll_events(const struct timespec *tsp)
{
	struct fdwaiter *w;
	size_t n = 0;
	short revents;

	pollset_reserve(nfdwaiters + 2);
	pollset[n++] = (struct pollfd){ .events = POLLIN,
	    .fd = hostio_inflight() > 0 ? hostio_fd() : -1 };
	pollset[n++] = (struct pollfd){ .events = POLLIN,
	    .fd = hostio_ring_fd() };
	TAILQ_FOREACH(w, &fdwaiters, entry)
		pollset[n++] = (struct pollfd){ .fd = w->fd, .events = w->events };
	if (plat_poll(pollset, n, tsp) == -1) {
		if (errno != EINTR)
			rumpuser__fatal("ppoll: %s", strerror(errno));
		return;
	}
	last_fdpoll = mono_ns();
	n = 2;
	TAILQ_FOREACH(w, &fdwaiters, entry) {
		revents = pollset[n++].revents;
		/* One woken already (some other way, or earlier) stays so. */
		if (revents != 0 && w->fiber->state == FIBER_BLOCKED) {
			w->revents = revents;
			make_runnable(w->fiber);
		}
	}
}

/* Sleep until an event or until deadline passes, whichever is first. */
static void
wait_events(uint64_t deadline)
{
	struct timespec ts, *tsp = NULL;
	uint64_t now;

	if (deadline != DEADLINE_NONE) {
		now = mono_ns();
		ts = ns_to_timespec(deadline > now ? deadline - now : 0);
		tsp = &ts;
	}
	poll_events(tsp);
}

/* Runnable fibers must not starve those waiting for a descriptor. */
static void
poll_events_if_due(void)
{
	static const struct timespec zero;

	if (nfdwaiters > 0 && mono_ns() - last_fdpoll >= FDPOLL_BUSY_NS)
		poll_events(&zero);
}

static void
idle(void)
{
	uint64_t deadline = TAILQ_EMPTY(&timers) ? DEADLINE_NONE :
	    TAILQ_FIRST(&timers)->deadline;

	if (hostio_inflight() > 0 || nfdwaiters > 0)
		wait_events(deadline);
	else if (deadline != DEADLINE_NONE)
		plat_sleep_until(deadline);
	else
		report_deadlock();
}

/*
 * Switching
 */

/* Stacks can only be freed from a stack other than their own. */
static void
reap_zombies(void)
{
	struct fiber *f;

	while ((f = TAILQ_FIRST(&zombies)) != NULL) {
		TAILQ_REMOVE(&zombies, f, q_entry);
		fiber_free(f);
	}
}

static void
switch_to(struct fiber *next)
{
	struct fiber *prev = fiber__current;

	if (next == prev)
		return;
	prev->saved_errno = errno;
	fiber__current = next;
	ctx_switch(prev->ctx, next->ctx);
	/* Resumed: fiber__current is prev again. */
	reap_zombies();
	errno = prev->saved_errno;
}

/* Run the next runnable fiber; returns once the caller is resumed. */
static void
schedule(void)
{
	struct fiber *next;

	hostio_ring_submit();
	for (;;) {
		if (hostio_inflight() > 0)
			hostio_collect();
		timers_expire();
		if (!TAILQ_EMPTY(&runq))
			break;
		idle();
	}
	poll_events_if_due();
	next = TAILQ_FIRST(&runq);
	TAILQ_REMOVE(&runq, next, q_entry);
	switch_to(next);
}

int
fiber_block(struct waitq *wq, uint64_t deadline)
{
	struct fiber *self = fiber_self();

	self->timedout = 0;
	if (wq != NULL) {
		TAILQ_INSERT_TAIL(&wq->head, self, q_entry);
		wq->count++;
		self->waitq = wq;
	}
	if (deadline != DEADLINE_NONE)
		timer_insert(self, deadline);
	self->state = FIBER_BLOCKED;
	schedule();
	return self->timedout;
}

short
fiber_wait_fd(int fd, short events, struct waitq *wq, uint64_t deadline)
{
	struct fdwaiter w = { .fiber = fiber_self(), .fd = fd,
	    .events = events };

	TAILQ_INSERT_TAIL(&fdwaiters, &w, entry);
	nfdwaiters++;
	fiber_block(wq, deadline);
	TAILQ_REMOVE(&fdwaiters, &w, entry);
	nfdwaiters--;
	return w.revents;
}

void
fiber_yield(void)
{
	struct fiber *self = fiber_self();

	TAILQ_INSERT_TAIL(&runq, self, q_entry);
	schedule();
}

/*
 * Creation and exit
 */

static void
fiber_main(void)
{
	struct fiber *self = fiber__current;

	reap_zombies();
	errno = 0;
	self->func(self->arg);
	fiber_exit();
}

struct fiber *
fiber_create(void *(*func)(void *), void *arg, const char *name,
    int mustjoin)
{
	struct fiber *f;

	fiber_self();	/* the creator becomes a fiber first */
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	if ((f->ctx = ctx_create(fiber_main)) == NULL) {
		free(f);
		return NULL;
	}
	f->func = func;
	f->arg = arg;
	f->mustjoin = mustjoin;
	f->deadline = DEADLINE_NONE;
	waitq_init(&f->joiners);
	if (name != NULL)
		snprintf(f->name, sizeof(f->name), "%s", name);
	TAILQ_INSERT_TAIL(&allfibers, f, a_entry);
	f->state = FIBER_RUNNABLE;
	TAILQ_INSERT_TAIL(&runq, f, q_entry);
	return f;
}

void
fiber_free(struct fiber *f)
{

	TAILQ_REMOVE(&allfibers, f, a_entry);
	if (f == &initial_fiber)
		return;
	ctx_destroy(f->ctx);
	free(f);
}

void
fiber_join(struct fiber *f)
{

	while (f->state != FIBER_EXITED)
		fiber_block(&f->joiners, DEADLINE_NONE);
	fiber_free(f);
}

void
fiber_exit(void)
{
	struct fiber *self = fiber_self();

	self->state = FIBER_EXITED;
	if (self->mustjoin)
		waitq_wakeall(&self->joiners);
	else
		TAILQ_INSERT_TAIL(&zombies, self, q_entry);
	schedule();
	rumpuser__fatal("exited fiber \"%s\" was resumed", self->name);
}
