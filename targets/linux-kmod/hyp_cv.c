/*
 * hyp_cv.c -- condition variables: a list of waiting tasks under a spin
 * lock, each woken by wake_up_process; timed waits sleep on an absolute
 * CLOCK_MONOTONIC hrtimer deadline.
 *
 * A wrapped wait gives up the virtual CPU with the mutex as interlock
 * while still holding it, queues itself, releases the mutex and sleeps.
 * On wakeup the order depends on the mutex (facts 2.5):
 *   SPIN|KMUTEX: CPU first, then the mutex;
 *   otherwise:   mutex first, then the CPU (for the kernel's scheduler
 *                lock backend_schedule releases it again).
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "hyp.h"

#define SPIN_KMUTEX	(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)

struct rumpuser_cv {
	spinlock_t lock;
	struct list_head waiters;	/* not yet woken */
	int nwaiters;			/* queued or still leaving the wait */
};

struct cv_waiter {
	struct list_head entry;
	struct task_struct *task;
	int woken;
};

void
rumpuser_cv_init(struct rumpuser_cv **cvp)
{
	struct rumpuser_cv *cv;

	if ((cv = kzalloc(sizeof(*cv), GFP_KERNEL)) == NULL)
		hyp_fatal("cv_init: out of memory");
	spin_lock_init(&cv->lock);
	INIT_LIST_HEAD(&cv->waiters);
	*cvp = cv;
}

void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{
	if (READ_ONCE(cv->nwaiters) != 0)
		hyp_fatal("cv_destroy %p: %d waiters", cv, cv->nwaiters);
	kfree(cv);
}

/* Sleep until woken or past deadline (KTIME_MAX: none). 1 = timed out. */
static int
cv_block(struct cv_waiter *w, ktime_t deadline)
{
	int timedout = 0;

	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(w->woken))
			break;
		if (deadline == KTIME_MAX) {
			schedule();
			continue;
		}
		if (ktime_compare(ktime_get(), deadline) >= 0) {
			timedout = 1;
			break;
		}
		schedule_hrtimeout_range(&deadline, 0, HRTIMER_MODE_ABS);
	}
	__set_current_state(TASK_RUNNING);
	return timedout;
}

/*
 * Queue, release mtx, sleep. mtx is not held on return. Returns 0 when
 * woken (also when a wakeup raced with the timeout), else ETIMEDOUT.
 */
static int
cv_sleep(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx, ktime_t deadline)
{
	struct cv_waiter w = { .task = current, .woken = 0 };
	int woken;

	spin_lock(&cv->lock);
	list_add_tail(&w.entry, &cv->waiters);
	cv->nwaiters++;
	spin_unlock(&cv->lock);
	hyp_mutex_release(mtx);
	cv_block(&w, deadline);
	/* The waker holds cv->lock until it is done with w. */
	spin_lock(&cv->lock);
	woken = w.woken;
	if (!woken)
		list_del(&w.entry);
	cv->nwaiters--;
	spin_unlock(&cv->lock);
	return woken ? 0 : NB_ETIMEDOUT;
}

static int
cv_wait_wrapped(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx, ktime_t deadline)
{
	int nlocks, rv;

	hyp_unschedule(&nlocks, mtx);
	rv = cv_sleep(cv, mtx, deadline);
	if ((mtx->flags & SPIN_KMUTEX) == SPIN_KMUTEX) {
		hyp_schedule(nlocks, mtx);
		hyp_mutex_acquire(mtx);
	} else {
		hyp_mutex_acquire(mtx);
		hyp_schedule(nlocks, mtx);
	}
	return rv;
}

void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	cv_wait_wrapped(cv, mtx, KTIME_MAX);
}

void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	cv_sleep(cv, mtx, KTIME_MAX);
	hyp_mutex_acquire(mtx);
}

/* now + (sec, nsec) on the monotonic clock; far deadlines saturate. */
static ktime_t
deadline_after(int64_t sec, int64_t nsec)
{
	ktime_t now = ktime_get();

	if (sec < 0 || nsec < 0)
		return now;
	if (sec >= KTIME_SEC_MAX / 2)
		return KTIME_MAX - 1;	/* not KTIME_MAX: that means "untimed" */
	return ktime_add_ns(now, (u64)sec * NSEC_PER_SEC + (u64)nsec);
}

/* The timeout is relative and counts from the call. */
int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	return cv_wait_wrapped(cv, mtx, deadline_after(sec, nsec));
}

static void
wake_one(struct cv_waiter *w)
{
	list_del(&w->entry);
	WRITE_ONCE(w->woken, 1);
	wake_up_process(w->task);
}

void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{
	spin_lock(&cv->lock);
	if (!list_empty(&cv->waiters))
		wake_one(list_first_entry(&cv->waiters, struct cv_waiter, entry));
	spin_unlock(&cv->lock);
}

void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{
	struct cv_waiter *w, *next;

	spin_lock(&cv->lock);
	list_for_each_entry_safe(w, next, &cv->waiters, entry)
		wake_one(w);
	spin_unlock(&cv->lock);
}

void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *waitersp)
{
	*waitersp = READ_ONCE(cv->nwaiters);
}
