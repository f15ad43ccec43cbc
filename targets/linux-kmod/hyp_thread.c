/*
 * hyp_thread.c -- host threads are kernel threads.
 *
 * Joining uses a completion of our own, not kthread_stop(): a joinable
 * thread may have exited long before it is joined.  The thread signals
 * the completion as its very last act (kthread_complete_and_exit), and the
 * joiner frees the record.  A detached thread frees its record itself.
 * priority and cpuidx are hints; Linux schedules the threads as it likes.
 */
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "hyp.h"

struct hyp_thread {
	void *(*f)(void *);
	void *arg;
	int joinable;
	struct completion done;
};

static void __noreturn
thread_end(struct hyp_thread *t)
{
	hyp_self_exit();
	if (t->joinable)
		kthread_complete_and_exit(&t->done, 0);
	kfree(t);
	kthread_complete_and_exit(NULL, 0);
}

static int
thread_main(void *arg)
{
	struct hyp_thread *t = arg;

	t->f(t->arg);	/* f should not return; if it does, the thread ends */
	thread_end(t);
}

int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct hyp_thread *t;
	struct task_struct *task;

	(void)priority;
	(void)cpuidx;
	if ((t = kzalloc(sizeof(*t), GFP_KERNEL)) == NULL)
		return NB_ENOMEM;
	t->f = f;
	t->arg = arg;
	t->joinable = mustjoin;
	init_completion(&t->done);
	task = kthread_create(thread_main, t, "rump-%s", thrname != NULL ? thrname : "thread");
	if (IS_ERR(task)) {
		kfree(t);
		return hyp_errtrans(PTR_ERR(task));
	}
	if (mustjoin)
		*cookie = t;
	wake_up_process(task);
	return 0;
}

void
rumpuser_thread_exit(void)
{
	if (kthread_func(current) != thread_main)
		hyp_fatal("thread_exit from a thread rumpuser_thread_create did not start");
	thread_end(kthread_data(current));
}

int
rumpuser_thread_join(void *cookie)
{
	struct hyp_thread *t = cookie;
	int nlocks;

	if (t == NULL || !t->joinable)
		return NB_EINVAL;
	hyp_unschedule(&nlocks, NULL);
	wait_for_completion(&t->done);
	hyp_schedule(nlocks, NULL);
	kfree(t);
	return 0;
}
