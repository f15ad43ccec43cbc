/*
 * plat_posix.c -- the fiber platform of POSIX hosts: contexts made by
 * makecontext and switched by swapcontext on mmap'd stacks with a guard
 * page; ppoll and an absolute clock_nanosleep for the idle scheduler.
 */
#include "fiber_int.h"

#include <sys/mman.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#define CTX_STACKSIZE	(256 * 1024)

struct fiber_ctx {
	ucontext_t	uc;
	void		*stack;		/* NULL for a host thread's own */
};

static size_t
guard_size(void)
{

	return (size_t)sysconf(_SC_PAGESIZE);
}

static void *
stack_alloc(void)
{
	size_t guard = guard_size();
	char *mem;

	mem = mmap(NULL, CTX_STACKSIZE + guard, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return NULL;
	/* Stacks grow down on every host this builds for: guard the bottom. */
	if (mprotect(mem, guard, PROT_NONE) == -1) {
		munmap(mem, CTX_STACKSIZE + guard);
		return NULL;
	}
	return mem + guard;
}

/* Apart from its caller: getcontext returns twice (-Wclobbered). */
static void
context_init(ucontext_t *uc, void *stack, void (*entry)(void))
{

	if (getcontext(uc) == -1)
		rumpuser__fatal("getcontext: %s", strerror(errno));
	uc->uc_stack.ss_sp = stack;
	uc->uc_stack.ss_size = CTX_STACKSIZE;
	uc->uc_link = NULL;
	makecontext(uc, entry, 0);
}

struct fiber_ctx *
ctx_thread(void)
{
	struct fiber_ctx *c;

	/* Filled in by the first switch away from it. */
	if ((c = calloc(1, sizeof(*c))) == NULL)
		rumpuser__fatal("no memory for the first fiber");
	return c;
}

struct fiber_ctx *
ctx_create(void (*entry)(void))
{
	struct fiber_ctx *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->stack = stack_alloc()) == NULL) {
		free(c);
		return NULL;
	}
	context_init(&c->uc, c->stack, entry);
	return c;
}

void
ctx_destroy(struct fiber_ctx *c)
{

	if (c->stack != NULL)
		munmap((char *)c->stack - guard_size(), CTX_STACKSIZE + guard_size());
	free(c);
}

void
ctx_switch(struct fiber_ctx *from, struct fiber_ctx *to)
{

	if (swapcontext(&from->uc, &to->uc) == -1)
		rumpuser__fatal("swapcontext: %s", strerror(errno));
}

int
plat_poll(struct pollfd *fds, size_t n, const struct timespec *ts)
{

	return ppoll(fds, (nfds_t)n, ts, NULL);
}

void
plat_sleep_until(uint64_t deadline)
{
	struct timespec ts = { .tv_sec = (time_t)(deadline / NSEC_PER_SEC),
	    .tv_nsec = (long)(deadline % NSEC_PER_SEC) };

	/* EINTR just means another round through the scheduler's loop. */
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}
