/*
 * thread.c -- host threads and the lwp bound to each of them.
 */
#include "rumpuser_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CREATE_TRIES		10
#define CREATE_RETRY_NSEC	10000000L	/* 10 ms */
#define THREAD_NAMELEN		16		/* Linux limit, with the NUL */

/* What a new thread needs before it calls into the kernel's function. */
struct thread_start {
	void	*(*func)(void *);
	void	*arg;
	char	name[THREAD_NAMELEN];
};

/* The joinable cookie. */
struct thread_cookie {
	pthread_t pt;
};

/* curlwp is the hottest hypercall: one TLS load (see rumpuser_int.h). */
__thread struct lwp *rumpuser__curlwp_tls RUMPUSER_TLS_IE;

/* Naming from inside avoids racing with a detached thread's exit. */
static void *
thread_trampoline(void *v)
{
	struct thread_start start = *(struct thread_start *)v;

	free(v);
#ifndef __EMSCRIPTEN__	/* wasm threads have no names */
	if (start.name[0] != '\0')
		pthread_setname_np(pthread_self(), start.name);
#endif
	return start.func(start.arg);
}

static struct thread_start *
thread_start_new(void *(*f)(void *), void *arg, const char *thrname)
{
	struct thread_start *start;

	if ((start = calloc(1, sizeof(*start))) == NULL)
		return NULL;
	start->func = f;
	start->arg = arg;
	if (thrname != NULL)
		memcpy(start->name, thrname,
		    strnlen(thrname, sizeof(start->name) - 1));
	return start;
}

/* pthread_create(), retrying while the host is short of resources. */
static int
thread_spawn(pthread_t *pt, const pthread_attr_t *attr,
    struct thread_start *start)
{
	const struct timespec pause = { 0, CREATE_RETRY_NSEC };
	int rv, try;

	for (try = 1;; try++) {
		rv = pthread_create(pt, attr, thread_trampoline, start);
		if (rv != EAGAIN || try == CREATE_TRIES)
			return rv;
		nanosleep(&pause, NULL);
	}
}

int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct thread_cookie *tc = NULL;
	struct thread_start *start;
	pthread_attr_t attr;
	pthread_t pt;
	int rv;

	(void)priority;	/* hints the host scheduler cannot use */
	(void)cpuidx;
	if ((start = thread_start_new(f, arg, thrname)) == NULL)
		return NB_ENOMEM;
	if (mustjoin && (tc = malloc(sizeof(*tc))) == NULL) {
		free(start);
		return NB_ENOMEM;
	}
	if ((rv = pthread_attr_init(&attr)) != 0)
		goto fail;
	rv = pthread_attr_setdetachstate(&attr,
	    mustjoin ? PTHREAD_CREATE_JOINABLE : PTHREAD_CREATE_DETACHED);
	if (rv == 0)
		rv = thread_spawn(&pt, &attr, start);
	pthread_attr_destroy(&attr);
	if (rv != 0)
		goto fail;
	if (mustjoin) {
		tc->pt = pt;
		*cookie = tc;
	}
	return 0;

 fail:
	free(start);
	free(tc);
	return ET(rv);
}

void
rumpuser_thread_exit(void)
{

	pthread_exit(NULL);
}

int
rumpuser_thread_join(void *cookie)
{
	struct thread_cookie *tc = cookie;
	int nlocks, rv;

	if (tc == NULL)
		return NB_EINVAL;
	rumpuser__unschedule(&nlocks, NULL);
	rv = pthread_join(tc->pt, NULL);
	rumpuser__schedule(nlocks, NULL);
	if (rv == 0)
		free(tc);
	return ET(rv);
}

void
rumpuser_curlwpop(int enum_rumplwpop, struct lwp *l)
{

	switch (enum_rumplwpop) {
	case RUMPUSER_LWP_CREATE:
	case RUMPUSER_LWP_DESTROY:
		break;
	case RUMPUSER_LWP_SET:
		if (rumpuser__curlwp_tls != NULL)
			rumpuser__fatal("curlwpop SET %p: thread already has "
			    "lwp %p", (void *)l, (void *)rumpuser__curlwp_tls);
		rumpuser__curlwp_tls = l;
		break;
	case RUMPUSER_LWP_CLEAR:
		if (rumpuser__curlwp_tls != l)
			rumpuser__fatal("curlwpop CLEAR %p: thread has lwp %p",
			    (void *)l, (void *)rumpuser__curlwp_tls);
		rumpuser__curlwp_tls = NULL;
		break;
	default:
		rumpuser__fatal("curlwpop: unknown op %d", enum_rumplwpop);
	}
}

struct lwp *
rumpuser_curlwp(void)
{

	return rumpuser__curlwp_tls;
}
