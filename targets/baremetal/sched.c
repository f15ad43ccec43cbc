/*
 * sched.c -- cooperative threads on one CPU: each has its own stack and
 * machine context; a thread runs until it blocks, yields or exits. With
 * nothing runnable the CPU idles (mach_idle_until) until the earliest
 * deadline. Nothing here runs in interrupt context.
 */
#include <string.h>

#include "bm.h"

#define STACK_SIZE	(128u << 10)
#define STACK_CANARY	0x5afe57ac6b0d1e55ull	/* at the stack's low end */

enum state { RUNNABLE, BLOCKED, EXITED };

struct bm_thread {
	struct mach_ctx ctx;
	struct bm_thread *next;		/* run queue or wait queue */
	struct bm_thread *tnext;	/* every thread with a deadline */
	struct bm_thread *anext;	/* every live thread */
	struct bm_waitq *waitq;		/* the queue it waits on, or NULL */
	uint64_t deadline;
	int timedout;
	enum state state;
	struct lwp *lwp;		/* curlwpop(SET) */
	int err;			/* seterrno */
	void *(*func)(void *);
	void *arg;
	int mustjoin;
	struct bm_waitq joiners;
	uint64_t *stack;		/* NULL for the boot thread */
	char name[32];
};

static struct bm_thread boot_thread = { .name = "main" };
static struct bm_thread *current = &boot_thread;
static struct bm_waitq runq;
static struct bm_thread *timed;		/* threads with a deadline */
static struct bm_thread *all = &boot_thread;
static struct bm_thread *zombie;	/* exited, not joinable: freed later */
static int nthreads = 1;

struct bm_thread *
bm_self(void)
{
	return current;
}

const char *
bm_thread_name(struct bm_thread *t)
{
	return t->name;
}

int
bm_thread_count(void)
{
	return nthreads;
}

struct lwp **
bm_self_lwp(void)
{
	return &current->lwp;
}

int *
bm_self_errno(void)
{
	return &current->err;
}

static void
enqueue(struct bm_waitq *q, struct bm_thread *t)
{
	t->next = NULL;
	if (q->tail != NULL)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
	q->count++;
}

static struct bm_thread *
dequeue(struct bm_waitq *q)
{
	struct bm_thread *t = q->head;

	if (t != NULL) {
		q->head = t->next;
		if (q->head == NULL)
			q->tail = NULL;
		q->count--;
	}
	return t;
}

static void
unlink_waiter(struct bm_waitq *q, struct bm_thread *t)
{
	struct bm_thread **pp, *prev = NULL;

	for (pp = &q->head; *pp != NULL; prev = *pp, pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			if (q->tail == t)
				q->tail = prev;
			q->count--;
			return;
		}
	}
}

static void
untime(struct bm_thread *t)
{
	struct bm_thread **pp;

	for (pp = &timed; *pp != NULL; pp = &(*pp)->tnext) {
		if (*pp == t) {
			*pp = t->tnext;
			break;
		}
	}
	t->deadline = BM_NEVER;
}

static void
make_runnable(struct bm_thread *t, int timedout)
{
	if (t->waitq != NULL)
		unlink_waiter(t->waitq, t);
	t->waitq = NULL;
	if (t->deadline != BM_NEVER)
		untime(t);
	t->timedout = timedout;
	t->state = RUNNABLE;
	enqueue(&runq, t);
}

/* Wake the threads whose deadline passed; the earliest one left. */
static uint64_t
expire(void)
{
	uint64_t now = mach_mono_ns(), next = BM_NEVER;
	struct bm_thread *t, *tn;

	for (t = timed; t != NULL; t = tn) {
		tn = t->tnext;
		if (t->deadline <= now)
			make_runnable(t, 1);
		else if (t->deadline < next)
			next = t->deadline;
	}
	return next;
}

static void
free_zombie(void)
{
	struct bm_thread *z = zombie;

	if (z != NULL && z != current) {
		zombie = NULL;
		bm_free(z->stack);
		bm_free(z);
	}
}

static void
check_stack(struct bm_thread *t)
{
	if (t->stack != NULL && t->stack[0] != STACK_CANARY)
		bm_fatal("thread \"%s\" overran its %u-byte stack", t->name, STACK_SIZE);
}

/* Run the next runnable thread (maybe the caller again); idle meanwhile. */
static void
switch_away(void)
{
	struct bm_thread *self = current, *t;
	uint64_t next;

	check_stack(self);
	for (;;) {
		next = expire();
		if ((t = dequeue(&runq)) != NULL)
			break;
		if (next == BM_NEVER)
			bm_fatal("every thread is blocked for good (running: \"%s\")",
			    self->name);
		mach_idle_until(next);
	}
	if (t != self) {
		current = t;
		mach_ctx_switch(&self->ctx, &t->ctx);
	}
	free_zombie();
}

int
bm_block(struct bm_waitq *wq, uint64_t deadline)
{
	struct bm_thread *self = current;

	self->state = BLOCKED;
	self->timedout = 0;
	self->waitq = wq;
	if (wq != NULL)
		enqueue(wq, self);
	self->deadline = deadline;
	if (deadline != BM_NEVER) {
		self->tnext = timed;
		timed = self;
	}
	switch_away();
	return self->timedout;
}

void
bm_wakeone(struct bm_waitq *wq)
{
	if (wq->head != NULL)
		make_runnable(wq->head, 0);
}

void
bm_wakeall(struct bm_waitq *wq)
{
	while (wq->head != NULL)
		make_runnable(wq->head, 0);
}

void
bm_yield(void)
{
	current->state = RUNNABLE;
	enqueue(&runq, current);
	switch_away();
}

void
bm_sleep_until(uint64_t deadline)
{
	while (mach_mono_ns() < deadline)
		bm_block(NULL, deadline);
}

uint64_t
bm_deadline_after(int64_t sec, int64_t nsec)
{
	uint64_t now = mach_mono_ns(), d;

	if (sec < 0 || nsec < 0)
		return now;	/* already expired */
	if ((uint64_t)sec > (BM_NEVER - now) / 1000000000u)
		return BM_NEVER - 1;
	d = now + (uint64_t)sec * 1000000000u;
	if (nsec > 0)
		d = (uint64_t)nsec > BM_NEVER - 1 - d ? BM_NEVER - 1 : d + (uint64_t)nsec;
	return d;
}

static void
thread_start(void *arg)
{
	struct bm_thread *t = arg;

	free_zombie();
	t->func(t->arg);
	bm_thread_exit();
}

struct bm_thread *
bm_thread_new(void *(*func)(void *), void *arg, const char *name, int mustjoin)
{
	struct bm_thread *t = bm_alloc(sizeof(*t), 16);

	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof(*t));
	if ((t->stack = bm_alloc(STACK_SIZE, 16)) == NULL) {
		bm_free(t);
		return NULL;
	}
	t->stack[0] = STACK_CANARY;
	t->func = func;
	t->arg = arg;
	t->mustjoin = mustjoin;
	t->deadline = BM_NEVER;
	for (size_t i = 0; name != NULL && name[i] != '\0' && i + 1 < sizeof(t->name); i++)
		t->name[i] = name[i];
	mach_ctx_make(&t->ctx, t->stack, STACK_SIZE, thread_start, t);
	t->anext = all;
	all = t;
	nthreads++;
	t->state = RUNNABLE;
	enqueue(&runq, t);
	return t;
}

static void
forget(struct bm_thread *t)
{
	struct bm_thread **pp;

	for (pp = &all; *pp != NULL; pp = &(*pp)->anext) {
		if (*pp == t) {
			*pp = t->anext;
			break;
		}
	}
	nthreads--;
}

void
bm_thread_exit(void)
{
	struct bm_thread *self = current;

	if (self == &boot_thread)
		bm_fatal("the boot thread cannot exit");
	self->state = EXITED;
	self->lwp = NULL;
	forget(self);
	if (self->mustjoin)
		bm_wakeall(&self->joiners);
	else {
		free_zombie();
		zombie = self;	/* its stack is in use until the switch */
	}
	switch_away();
	bm_fatal("exited thread \"%s\" ran again", self->name);
}

void
bm_thread_join(struct bm_thread *t)
{
	while (t->state != EXITED)
		bm_block(&t->joiners, BM_NEVER);
	bm_free(t->stack);
	bm_free(t);
}
