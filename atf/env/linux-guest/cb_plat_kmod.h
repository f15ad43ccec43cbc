/*
 * cb_plat_kmod.h -- kernel threads for the benchmark runner's platform
 * (cb_plat_kmod.c) and for the benchmarks' own limit (bench_prim.h):
 * kthread_run, joined through a completion the thread signals as it ends.
 */
#ifndef CB_PLAT_KMOD_H
#define CB_PLAT_KMOD_H

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

/* Prefixes of the console lines the host collects: the JSON, the notes. */
#define CB_KMOD_JSON_PREFIX	"RCBENCH| "
#define CB_KMOD_NOTE_PREFIX	"RCBENCH# "

#endif /* CB_PLAT_KMOD_H */
