/*
 * hyp_lock.c -- the task-owned sleeping lock under mutexes: spin briefly,
 * then sleep on a wait queue.  It knows nothing of virtual CPUs.
 */
#include <linux/atomic.h>
#include <linux/processor.h>
#include <linux/sched.h>

#include "hyp.h"

/* Spin this many rounds before sleeping: most holds are short. */
#define HYP_LOCK_SPINS	200

void
hyp_lock_init(struct hyp_lock *l)
{
	l->owner = NULL;
	init_waitqueue_head(&l->wq);
}

int
hyp_lock_try(struct hyp_lock *l)
{
	return cmpxchg(&l->owner, NULL, current) == NULL;
}

void
hyp_lock_wait(struct hyp_lock *l)
{
	int i;

	if (READ_ONCE(l->owner) == current)
		hyp_fatal("mutex %p: locking against myself", l);
	for (i = 0; i < HYP_LOCK_SPINS; i++) {
		if (hyp_lock_try(l))
			return;
		cpu_relax();
	}
	wait_event(l->wq, hyp_lock_try(l));
}

void
hyp_lock_release(struct hyp_lock *l)
{
	smp_store_release(&l->owner, NULL);
	if (wq_has_sleeper(&l->wq))
		wake_up(&l->wq);
}
