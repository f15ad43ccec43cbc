/*
 * bio_done_under_interlock -- a thread waiting on a cv takes the
 * completions that arrive while it waits and runs their biodone itself
 * (saving a thread hop, as a ring reaped by its waiters does), but right
 * after its wait, still holding the interlock. The kernel's biowait
 * waits holding the buffer's lock, which biodone takes: the waiter
 * deadlocks on its own mutex. With nobody waiting, completions are
 * delivered where they arrive, as they should be.
 */
#include <stdlib.h>

#include "mutant.h"

struct taken {
	struct mutant_bio b;
	size_t	bytes;
	int	error;
	struct taken *next;
};

static pthread_mutex_t taken_lock = PTHREAD_MUTEX_INITIALIZER;
static struct taken *taken;
static int waiting;	/* threads inside a cv wait */

static void
done_or_take(const struct mutant_bio *b, size_t bytes, int error)
{
	struct taken *t;

	if (__atomic_load_n(&waiting, __ATOMIC_ACQUIRE) == 0) {
		b->biodone(b->donearg, bytes, error);
		return;
	}
	if ((t = malloc(sizeof(*t))) == NULL)
		abort();
	*t = (struct taken){ *b, bytes, error, NULL };
	pthread_mutex_lock(&taken_lock);
	t->next = taken;
	taken = t;
	pthread_mutex_unlock(&taken_lock);
}

/* The waiter's delivery, made while it holds the interlock (the bug). */
static void
deliver_taken(void)
{
	struct taken *t, *next;

	pthread_mutex_lock(&taken_lock);
	t = taken;
	taken = NULL;
	pthread_mutex_unlock(&taken_lock);
	for (; t != NULL; t = next) {
		next = t->next;
		t->b.biodone(t->b.donearg, t->bytes, t->error);
		free(t);
	}
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	mutant_bio_submit(fd, op, data, dlen, off, biodone, donearg, done_or_take);
}

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	__atomic_add_fetch(&waiting, 1, __ATOMIC_ACQ_REL);
	posix_rumpuser_cv_wait(cv, mtx);
	__atomic_sub_fetch(&waiting, 1, __ATOMIC_ACQ_REL);
	deliver_taken();
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int rv;

	__atomic_add_fetch(&waiting, 1, __ATOMIC_ACQ_REL);
	rv = posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	__atomic_sub_fetch(&waiting, 1, __ATOMIC_ACQ_REL);
	deliver_taken();
	return rv;
}
