/*
 * bio_completions_polled -- completions are collected by a thread that
 * looks for finished requests every millisecond, for the life of the
 * process, instead of sleeping until a request is out (a port whose host
 * had no completion event to wait on). Every biodone comes, with a CPU
 * and an lwp, at most a tick late; an idle kernel's host never rests.
 */
#include <stdlib.h>
#include <time.h>

#include "mutant.h"

struct finished {
	struct mutant_bio b;
	size_t	bytes;
	int	error;
	struct finished *next;
};

static pthread_mutex_t fin_lock = PTHREAD_MUTEX_INITIALIZER;
static struct finished *fin;
static pthread_once_t poller_once = PTHREAD_ONCE_INIT;

static void
note_finished(const struct mutant_bio *b, size_t bytes, int error)
{
	struct finished *f = malloc(sizeof(*f));

	if (f == NULL)
		abort();
	*f = (struct finished){ *b, bytes, error, NULL };
	pthread_mutex_lock(&fin_lock);
	f->next = fin;
	fin = f;
	pthread_mutex_unlock(&fin_lock);
}

static void *
poller(void *arg)
{
	struct timespec tick = { 0, 1000000 };
	struct finished *f, *next;

	(void)arg;
	rumpuser_component_kthread();
	for (;;) {
		nanosleep(&tick, NULL);
		pthread_mutex_lock(&fin_lock);
		f = fin;
		fin = NULL;
		pthread_mutex_unlock(&fin_lock);
		if (f == NULL)
			continue;
		rumpuser_component_schedule(NULL);
		for (; f != NULL; f = next) {
			next = f->next;
			f->b.biodone(f->b.donearg, f->bytes, f->error);
			free(f);
		}
		rumpuser_component_unschedule();
	}
	return NULL;
}

static void
start_poller(void)
{
	pthread_t pt;

	if (pthread_create(&pt, NULL, poller, NULL) != 0)
		abort();
	pthread_detach(pt);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	pthread_once(&poller_once, start_poller);
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg, note_finished);
}
