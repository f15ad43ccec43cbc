/*
 * ktap_posix.c -- the KTAP environment on a POSIX host with threads
 * (WebAssembly under node or a browser, and a host check of the KTAP path):
 * each case runs on a thread of its own; a case that stops itself ends
 * that thread, a case that hangs is abandoned after its timeout.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "rc_ktap.h"

struct apart {
	void (*fn)(void *);
	void *arg;
	pthread_mutex_t lock;
	pthread_cond_t cv;
	int over;
};

static void
mark_over(void *arg)
{
	struct apart *a = arg;

	pthread_mutex_lock(&a->lock);
	a->over = 1;
	pthread_cond_signal(&a->cv);
	pthread_mutex_unlock(&a->lock);
}

static void *
apart_main(void *arg)
{
	struct apart *a = arg;

	pthread_cleanup_push(mark_over, a);
	a->fn(a->arg);
	pthread_cleanup_pop(1);
	return NULL;
}

int
rch_run_apart(void (*fn)(void *), void *arg, unsigned timeout_ms)
{
	struct apart *a = rch_alloc(sizeof(*a));
	struct timespec ts;
	pthread_t t;
	int over;

	if (a == NULL)
		return -1;
	a->fn = fn;
	a->arg = arg;
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->cv, NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	if (pthread_create(&t, NULL, apart_main, a) != 0)
		return -1;
	pthread_mutex_lock(&a->lock);
	while (!a->over && pthread_cond_timedwait(&a->cv, &a->lock, &ts) == 0)
		continue;
	over = a->over;
	pthread_mutex_unlock(&a->lock);
	if (!over)
		return -1;	/* abandoned: a and the thread stay behind */
	pthread_join(t, NULL);
	rch_free(a);
	return 0;
}

void
rch_abort_case(const char *why)
{
	(void)why;
	pthread_exit(NULL);
}

void
rch_ktap_line(const char *line)
{
	printf("%s\n", line);
	fflush(stdout);
}
