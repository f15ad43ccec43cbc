/*
 * cb_kthread.h -- kernel threads as the benchmarks use them in the Linux
 * kernel: the interface bench owns, for the limit's threads (bench_prim.h)
 * and the cjson runner's, implemented by the kernel build's platform layer
 * (cb_plat_kmod.c): kthread_run, joined through a completion the thread
 * signals as it ends.
 */
#ifndef CB_KTHREAD_H
#define CB_KTHREAD_H

#include <linux/completion.h>
#include <linux/sched.h>

struct cb_kthread {
	struct task_struct *task;
	struct completion done;
	void *(*fn)(void *);
	void *arg;
};

/* 0, or -1 when the kernel cannot start the thread. */
int cb_kthread_start(struct cb_kthread *, void *(*fn)(void *), void *arg);
void cb_kthread_join(struct cb_kthread *);

#endif /* CB_KTHREAD_H */
