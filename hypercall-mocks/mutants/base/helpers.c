/*
 * helpers.c -- what several mutants need beyond forwarding: an init that
 * swaps upcalls, a mutex enter that gives the CPU away, plain host
 * threads, deferred work on a kernel-like helper thread, and the
 * interlock and deadline arithmetic of the cv mutants.
 */
#include <stdlib.h>
#include <time.h>

#include "mutant.h"
#include "rumpuser_int.h"

#define MUTANT_LATER_MAX 64

int
mutant_init_table(int version, const struct rumpuser_hyperup *hyp,
    void (*unsched)(int, int *, void *), void (*sched)(int, void *))
{
	struct rumpuser_hyperup t;

	if (hyp == NULL)
		return posix_rumpuser_init(version, hyp);
	mutant_hyp = t = *hyp;
	if (unsched != NULL)
		t.hyp_backend_unschedule = unsched;
	if (sched != NULL)
		t.hyp_backend_schedule = sched;
	return posix_rumpuser_init(version, &t);
}

void
mutant_mutex_enter_unscheduling(struct rumpuser_mtx *mtx)
{
	int nlocks;

	if (posix_rumpuser_mutex_tryenter(mtx) == 0)
		return;
	mutant_unschedule(&nlocks, NULL);
	posix_rumpuser_mutex_enter_nowrap(mtx);
	mutant_schedule(nlocks, NULL);
}

int
mutant_mutex_enter_unless_waiting(struct rumpuser_mtx *mtx)
{
	if (mutant_mutex_flags(mtx) & RUMPUSER_MTX_SPIN) {
		posix_rumpuser_mutex_enter(mtx);
		return 1;
	}
	return posix_rumpuser_mutex_tryenter(mtx) == 0;
}

struct mutant_start {
	void	*(*f)(void *);
	void	*arg;
};

static void *
mutant_trampoline(void *v)
{
	struct mutant_start s = *(struct mutant_start *)v;

	free(v);
	return s.f(s.arg);
}

int
mutant_thread_create(void *(*f)(void *), void *arg, int mustjoin,
    void **cookie)
{
	struct mutant_thread *mt;
	struct mutant_start *s;
	pthread_t pt;

	if ((s = malloc(sizeof(*s))) == NULL ||
	    (mt = malloc(sizeof(*mt))) == NULL) {
		free(s);
		return 12;	/* ENOMEM */
	}
	s->f = f;
	s->arg = arg;
	if (pthread_create(&pt, NULL, mutant_trampoline, s) != 0) {
		free(s);
		free(mt);
		return 35;	/* NetBSD EAGAIN */
	}
	if (!mustjoin) {
		pthread_detach(pt);
		free(mt);
		return 0;
	}
	mt->pt = pt;
	*cookie = mt;
	return 0;
}

struct mutant_job {
	void		(*fn)(void *);
	void		*arg;
	unsigned	delay_ms;
};

static pthread_mutex_t later_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_t later_threads[MUTANT_LATER_MAX];
static int later_n;

static void *
later_run(void *v)
{
	struct mutant_job j = *(struct mutant_job *)v;
	struct timespec ts = { j.delay_ms / 1000, (long)(j.delay_ms % 1000) * 1000000L };

	free(v);
	nanosleep(&ts, NULL);
	posix_rumpuser_component_kthread();
	mutant_hyp.hyp_schedule();
	j.fn(j.arg);
	mutant_hyp.hyp_unschedule();
	posix_rumpuser_component_kthread_release();
	return NULL;
}

void
mutant_later(void (*fn)(void *), void *arg, unsigned delay_ms)
{
	struct mutant_job *j;

	if ((j = malloc(sizeof(*j))) == NULL)
		abort();
	j->fn = fn;
	j->arg = arg;
	j->delay_ms = delay_ms;
	pthread_mutex_lock(&later_mtx);
	if (later_n == MUTANT_LATER_MAX ||
	    pthread_create(&later_threads[later_n], NULL, later_run, j) != 0)
		abort();
	later_n++;
	pthread_mutex_unlock(&later_mtx);
}

void
mutant_later_wait(void)
{
	pthread_mutex_lock(&later_mtx);
	while (later_n > 0)
		pthread_join(later_threads[--later_n], NULL);
	pthread_mutex_unlock(&later_mtx);
}

struct mutant_bio_req {
	struct mutant_bio b;
	void	(*done)(const struct mutant_bio *, size_t, int);
};

static void
mutant_bio_done(void *arg, size_t bytes, int error)
{
	struct mutant_bio_req r = *(struct mutant_bio_req *)arg;

	free(arg);
	r.done(&r.b, bytes, error);
}

void
mutant_bio_submit(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg,
    void (*done)(const struct mutant_bio *, size_t bytes, int error))
{
	struct mutant_bio_req *r;

	if ((r = malloc(sizeof(*r))) == NULL)
		abort();
	r->b.biodone = biodone;
	r->b.donearg = donearg;
	r->b.dlen = dlen;
	r->b.op = op;
	r->done = done;
	posix_rumpuser_bio(fd, op, data, dlen, off, mutant_bio_done, r);
}

int
mutant_holds_kmutex(struct rumpuser_mtx *mtx)
{
	struct lwp *owner;

	if ((mtx->flags & (RUMPUSER_MTX_KMUTEX | RUMPUSER_MTX_SPIN)) !=
	    RUMPUSER_MTX_KMUTEX)
		return 0;
	posix_rumpuser_mutex_owner(mtx, &owner);
	return owner != NULL && owner == rumpuser__curlwp();
}

void
mutant_deadline_in(struct timespec *ts, int64_t sec, int64_t nsec)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += (time_t)(sec + nsec / 1000000000);
	ts->tv_nsec += (long)(nsec % 1000000000);
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_nsec -= 1000000000L;
		ts->tv_sec++;
	}
}
