/*
 * kmod_env.c -- rc_host.h and rc_ktap.h inside the Linux kernel: the
 * services the suite uses to judge the hypervisor, on plain kernel APIs.
 * Each case runs in a kernel thread of its own; one that hangs is
 * abandoned (its thread and job stay behind) after its timeout.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "rc_ktap.h"
#include "rc_target.h"
#include "kmod.h"

uint64_t
rch_mono_ns(void)
{
	return ktime_get_ns();
}

uint64_t
rch_wall_ns(void)
{
	return ktime_get_real_ns();
}

void
rch_sleep_ns(uint64_t ns)
{
	ktime_t t = ns_to_ktime(ns);

	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_hrtimeout(&t, HRTIMER_MODE_REL);
}

void
rch_yield(void)
{
	yield();
}

void *
rch_alloc(size_t n)
{
	return kvzalloc(n, GFP_KERNEL);
}

void
rch_free(void *p)
{
	kvfree(p);
}

void
rch_vprintf(const char *fmt, va_list ap)
{
	vprintk(fmt, ap);
}

int
rc_vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	return vsnprintf(buf, len, fmt, ap);
}

void
rch_exit_child(int status)
{
	(void)status;
	rch_abort_case("rch_exit_child without an isolated child");
}

int
rch_hostname(char *buf, size_t len, const char **why)
{
	(void)buf;
	(void)len;
	*why = "inside the Linux kernel the module's hypervisor names no host";
	return -1;
}

int
rch_setparam(const char *name, const char *value, const char **why)
{
	if (hyp_param_set(name, value) != 0) {
		*why = "the module's parameter table refused the name or value";
		return -1;
	}
	return 0;
}

int
rch_unsetparam(const char *name, const char **why)
{
	(void)name;
	*why = "the module's parameter table cannot remove a name";
	return -1;
}

int
rch_starve_threads(const char **why)
{
	*why = "cannot limit kernel thread creation for one case";
	return -1;
}

size_t
rch_page_size(void)
{
	return PAGE_SIZE;
}

int
rch_cap_address_space(size_t headroom, const char **why)
{
	(void)headroom;
	*why = "cannot limit the kernel's address space for one case";
	return -1;
}

int
rch_exhaust_heap(const char **why)
{
	*why = "cannot run the kernel out of memory for one case";
	return -1;
}

/* The guest's /init mounts a tmpfs there. */
const char *
rch_tmpdir(const char **why)
{
	(void)why;
	return "/tmp";
}

int
rch_make_sparse(const char *path, uint64_t size, const char **why)
{
	struct file *f = filp_open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int error;

	if (IS_ERR(f)) {
		*why = "cannot create a sparse file (filp_open failed)";
		return -1;
	}
	error = vfs_truncate(&f->f_path, (loff_t)size);
	filp_close(f, NULL);
	if (error != 0) {
		*why = "cannot size a sparse file (vfs_truncate failed)";
		return -1;
	}
	return 0;
}

/* The guest's /init mounts devtmpfs. */
const char *
rch_char_device(const char **why)
{
	(void)why;
	return "/dev/null";
}

#define RCH_HERE	"inside the Linux kernel"
#define RCH_OWN_NET	/* kmod_net.c */
#define RCH_OWN_ERRNO	/* below */
#include "host_nofork.c"
#include "host_noproc.c"
#include "host_noio.c"

/* A client of the rump kernel inside Linux reads the hypervisor's per-task errno. */
int
rch_errno(const char **why)
{
	(void)why;
	return hyp_self_errno();
}

/* How often rch_run_apart says which case still runs (boot.sh's idle bound is longer). */
#define KMOD_BEAT_MS	15000u

struct apart {
	void (*fn)(void *);
	void *arg;
	struct completion over;
};

static int
apart_main(void *p)
{
	struct apart *a = p;

	a->fn(a->arg);
	kthread_complete_and_exit(&a->over, 0);
}

int
rch_run_apart(void (*fn)(void *), void *arg, unsigned timeout_ms)
{
	struct apart *a = kzalloc(sizeof(*a), GFP_KERNEL);
	struct task_struct *t;
	unsigned waited, slice;

	if (a == NULL)
		return -1;
	a->fn = fn;
	a->arg = arg;
	init_completion(&a->over);
	t = kthread_run(apart_main, a, "rc-case");
	if (IS_ERR(t)) {
		kfree(a);
		return -1;
	}
	/* A beat every few seconds: the host's last word on a guest that stalls. */
	for (waited = 0; waited < timeout_ms; waited += slice) {
		slice = min_t(unsigned, KMOD_BEAT_MS, timeout_ms - waited);
		if (wait_for_completion_timeout(&a->over, msecs_to_jiffies(slice)) != 0) {
			kfree(a);
			return 0;
		}
		rc_ktap_beat(waited + slice);
	}
	return -1;	/* abandoned: a and the thread stay behind */
}

/*
 * The case's own thread ends its case; any other thread of the case is a
 * hypervisor thread and ends the way the hypervisor ends threads.
 */
void
rch_abort_case(const char *why)
{
	struct apart *a;

	(void)why;
	hyp_self_exit();
	if (kthread_func(current) == apart_main) {
		a = kthread_data(current);
		kthread_complete_and_exit(&a->over, 0);
	}
	if (rc_tgt.thread_exit != NULL)
		rc_tgt.thread_exit();
	for (;;) {
		set_current_state(TASK_IDLE);
		schedule();
	}
}

void
rch_ktap_line(const char *line)
{
	pr_info(KMOD_KTAP_PREFIX "%s\n", line);
}
