/*
 * plat_emscripten.c -- the fiber platform under WebAssembly: emscripten's
 * fibers (emscripten_fiber_swap), which unwind the running call stack into
 * an asyncify buffer and rewind the other one. The program is linked with
 * -sASYNCIFY and plat_emscripten.js (sources.mk).
 *
 * Wasm has no way to switch stacks, so a fiber's frames live in its
 * asyncify buffer while it is switched out; what they keep on the C stack
 * (arrays, structures whose address is taken) stays in its C stack.
 *
 * emscripten has no ppoll, and its poll never waits: plat_poll looks once
 * and then naps, so an idle scheduler does not spin the CPU. Its
 * clock_nanosleep takes no absolute time: plat_sleep_until sleeps for
 * what is left.
 */
#include "fiber_int.h"

#include <emscripten.h>
#include <emscripten/fiber.h>

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#define CTX_STACKSIZE		(256 * 1024)
#define CTX_STACK_ALIGN		16
#define CTX_ASYNCIFY_SIZE	(128 * 1024)	/* the saved frames of one fiber */
#define POLL_NAP_NS		200000		/* 200 us */

struct fiber_ctx {
	emscripten_fiber_t ef;
	void		(*entry)(void);
	void		*stack;		/* NULL for a host thread's own */
	char		asyncify[CTX_ASYNCIFY_SIZE];
};

/*
 * Every host thread starts here (plat_emscripten.js makes pthread_create
 * call it), so that a thread's own context can be unwound to an exported,
 * instrumented function and rewound from it. pthread_exit: after a switch
 * the thread's first call from JavaScript has already returned, so the
 * value must not go back that way.
 */
EMSCRIPTEN_KEEPALIVE void
ctx_thread_main(void *(*fn)(void *), void *arg)
{

	pthread_exit(fn(arg));
}

static void
ctx_start(void *arg)
{
	struct fiber_ctx *c = arg;

	c->entry();
}

struct fiber_ctx *
ctx_thread(void)
{
	struct fiber_ctx *c;

	/* Filled in by each switch away from it. */
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
	/*
	 * Linear memory has no guard pages to give a stack. 16-byte aligned:
	 * clang takes the stack pointer to be, and adds offsets to it with
	 * "or" (malloc's 8 made &b[1] of a 12-byte array land at b + 4).
	 */
	if ((c->stack = aligned_alloc(CTX_STACK_ALIGN, CTX_STACKSIZE)) == NULL) {
		free(c);
		return NULL;
	}
	c->entry = entry;
	emscripten_fiber_init(&c->ef, ctx_start, c, c->stack, CTX_STACKSIZE,
	    c->asyncify, sizeof(c->asyncify));
	return c;
}

void
ctx_destroy(struct fiber_ctx *c)
{

	free(c->stack);
	free(c);
}

void
ctx_switch(struct fiber_ctx *from, struct fiber_ctx *to)
{

	/*
	 * A host thread's own context is taken again at each switch: the
	 * initial fiber may run on another host thread than the last time.
	 */
	if (from->stack == NULL)
		emscripten_fiber_init_from_current_context(&from->ef,
		    from->asyncify, sizeof(from->asyncify));
	emscripten_fiber_swap(&from->ef, &to->ef);
}

int
plat_poll(struct pollfd *fds, size_t n, const struct timespec *ts)
{
	struct timespec nap = { 0, POLL_NAP_NS };
	int ready;

	if ((ready = poll(fds, (nfds_t)n, 0)) != 0)
		return ready;
	if (ts != NULL && ts->tv_sec == 0 && ts->tv_nsec < nap.tv_nsec)
		nap = *ts;
	/* Early is fine: the scheduler looks at its deadlines again. */
	nanosleep(&nap, NULL);
	return 0;
}

void
plat_sleep_until(uint64_t deadline)
{
	uint64_t now = mono_ns(), left = deadline > now ? deadline - now : 0;
	struct timespec ts = { .tv_sec = (time_t)(left / NSEC_PER_SEC),
	    .tv_nsec = (long)(left % NSEC_PER_SEC) };

	nanosleep(&ts, NULL);
}
