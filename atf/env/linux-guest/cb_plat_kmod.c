/*
 * cb_plat_kmod.c -- the platform of the pure-C benchmark backend inside
 * the Linux kernel: the task's scheduler runtime as CPU time
 * (brought up to date at ticks and switches), kthreads, and output as
 * printk lines with a prefix the host extracts from the serial console
 * (the JSON on stdout, notes and the ratio table on stderr). There are no
 * files: --benchmark_out cannot be used.
 */
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>
#include <asm/tsc.h>

#include "cb_impl.h"
#include "cb_plat_kmod.h"
#include "cjson.h"

#define CB_KMOD_LINE	512

struct cb_kmod_stream {
	const char *prefix;
	char line[CB_KMOD_LINE];
	size_t used;
};

static struct cb_kmod_stream cb_kmod_out = { CB_KMOD_JSON_PREFIX };
static struct cb_kmod_stream cb_kmod_err = { CB_KMOD_NOTE_PREFIX };
static DEFINE_MUTEX(cb_kmod_write_lock);

static int
cb_kthread_main(void *p)
{
	struct cb_kthread *t = p;

	t->fn(t->arg);
	kthread_complete_and_exit(&t->done, 0);
}

int
cb_kthread_start(struct cb_kthread *t, void *(*fn)(void *), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	init_completion(&t->done);
	t->task = kthread_run(cb_kthread_main, t, "rcbench");
	return IS_ERR(t->task) ? -1 : 0;
}

void
cb_kthread_join(struct cb_kthread *t)
{
	wait_for_completion(&t->done);
}

uint64_t
cb_plat_thread_cpu_ns(void)
{
	return current->se.sum_exec_runtime;
}

static void
cb_kmod_flush(struct cb_kmod_stream *s)
{
	pr_info("%s%.*s\n", s->prefix, (int)s->used, s->line);
	s->used = 0;
}

/* Whole lines to the console; one longer than a line is cut in pieces. */
void
cb_plat_write(int to_err, const char *p, size_t n)
{
	struct cb_kmod_stream *s = to_err ? &cb_kmod_err : &cb_kmod_out;
	size_t i;

	mutex_lock(&cb_kmod_write_lock);
	for (i = 0; i < n; i++) {
		if (p[i] == '\n' || s->used == sizeof(s->line)) {
			cb_kmod_flush(s);
			if (p[i] == '\n')
				continue;
		}
		s->line[s->used++] = p[i];
	}
	mutex_unlock(&cb_kmod_write_lock);
}

void *
cb_plat_out_open(const char *path)
{
	(void)path;
	return NULL;
}

void
cb_plat_out_write(void *f, const char *s, size_t n)
{
	(void)f;
	(void)s;
	(void)n;
}

int
cb_plat_out_close(void *f)
{
	(void)f;
	return -1;
}

struct cb_kmod_thread {
	struct cb_kthread k;
	cb_plat_thread_fn *fn;
	void *arg;
};

static void *
cb_kmod_thread_body(void *p)
{
	struct cb_kmod_thread *t = p;

	t->fn(t->arg);
	return NULL;
}

void *
cb_plat_thread_start(cb_plat_thread_fn *fn, void *arg)
{
	struct cb_kmod_thread *t = kmalloc(sizeof(*t), GFP_KERNEL);

	if (t == NULL)
		panic("cbench: out of memory for a thread");
	t->fn = fn;
	t->arg = arg;
	if (cb_kthread_start(&t->k, cb_kmod_thread_body, t) != 0)
		panic("cbench: kthread_run failed");
	return t;
}

void
cb_plat_thread_join(void *handle)
{
	struct cb_kmod_thread *t = handle;

	cb_kthread_join(&t->k);
	kfree(t);
}

void
cj_describe(struct cj_context *c)
{
	static char date[32];
	struct tm tm;

	time64_to_tm(ktime_get_real_seconds(), 0, &tm);
	snprintf(date, sizeof(date), "%04ld-%02d-%02dT%02d:%02d:%02d+00:00",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	c->date = date;
	c->host_name = utsname()->nodename;
	c->executable = "rumpcheck.ko";
	c->num_cpus = num_online_cpus();
	c->mhz_per_cpu = cpu_khz / 1000;
	c->cpu_scaling_enabled = 0;
	c->library_build_type = "release";
}
