/*
 * hyp_base.c -- init, parameters, randomness, console, termination,
 * errno, and the calls that have no meaning inside the Linux kernel.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "hyp.h"

struct rumpuser_hyperup hyp_up;

void
hyp_park(void)
{
	for (;;) {
		set_current_state(TASK_IDLE);
		schedule();
	}
}

void
hyp_fatal(const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	pr_emerg("rumpuser: fatal: %pV; thread parked\n", &vaf);
	va_end(ap);
	dump_stack();
	hyp_park();
}

int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	if (version != RUMPUSER_VERSION) {
		pr_err("rumpuser: kernel wants revision %d, this is %d\n",
		    version, RUMPUSER_VERSION);
		return NB_EINVAL;
	}
	hyp_up = *hyp;
	return 0;
}

/*
 * Parameters
 */

#define PARAM_MAX	16
#define PARAM_NAMELEN	64
#define PARAM_VALLEN	256

static struct {
	char name[PARAM_NAMELEN];
	char value[PARAM_VALLEN];
} params[PARAM_MAX];
static DEFINE_SPINLOCK(params_lock);

int
hyp_param_set(const char *name, const char *value)
{
	int i, free_slot = -1, error = 0;

	if (strlen(name) >= PARAM_NAMELEN || strlen(value) >= PARAM_VALLEN || *name == '\0')
		return NB_EINVAL;
	spin_lock(&params_lock);
	for (i = 0; i < PARAM_MAX; i++) {
		if (strcmp(params[i].name, name) == 0)
			break;
		if (free_slot < 0 && params[i].name[0] == '\0')
			free_slot = i;
	}
	if (i == PARAM_MAX)
		i = free_slot;
	if (i < 0)
		error = NB_ENOMEM;
	else {
		strscpy(params[i].name, name, PARAM_NAMELEN);
		strscpy(params[i].value, value, PARAM_VALLEN);
	}
	spin_unlock(&params_lock);
	return error;
}

int
hyp_param_load(const char *list)
{
	char item[PARAM_NAMELEN + PARAM_VALLEN], *eq;
	const char *end;
	size_t n;
	int error;

	for (; list != NULL && *list != '\0'; list = *end != '\0' ? end + 1 : end) {
		end = strchrnul(list, ',');
		n = end - list;
		if (n >= sizeof(item))
			return NB_EINVAL;
		memcpy(item, list, n);
		item[n] = '\0';
		if ((eq = strchr(item, '=')) == NULL)
			return NB_EINVAL;
		*eq = '\0';
		if ((error = hyp_param_set(item, eq + 1)) != 0)
			return error;
	}
	return 0;
}

/* Copy the value of name into buf; 1 when found. */
static int
param_lookup(const char *name, char *buf, size_t len)
{
	int i, found = 0;

	spin_lock(&params_lock);
	for (i = 0; i < PARAM_MAX && !found; i++)
		if (params[i].name[0] != '\0' && strcmp(params[i].name, name) == 0)
			found = strscpy(buf, params[i].value, len) >= 0;
	spin_unlock(&params_lock);
	return found;
}

static int
copy_param(const char *value, void *buf, size_t buflen)
{
	if (strlen(value) + 1 > buflen)
		return NB_ERANGE;
	strcpy(buf, value);
	return 0;
}

/* RUMP_NCPU overrides as on POSIX ("host" = the online CPUs). */
static void
ncpu_value(char *value, size_t len)
{
	char want[PARAM_VALLEN];
	unsigned int n;

	if (param_lookup("RUMP_NCPU", want, sizeof(want)) &&
	    kstrtouint(want, 10, &n) == 0 && n > 0)
		snprintf(value, len, "%u", n);
	else
		snprintf(value, len, "%u", num_online_cpus());
}

int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	char value[PARAM_VALLEN];

	if (name == NULL || buf == NULL)
		return NB_EINVAL;
	if (strcmp(name, RUMPUSER_PARAM_NCPU) == 0)
		ncpu_value(value, sizeof(value));
	else if (strcmp(name, RUMPUSER_PARAM_HOSTNAME) == 0)
		strscpy(value, "rump-linux-kmod", sizeof(value));
	else if (name[0] == '_')
		return NB_EINVAL;	/* reserved for mandatory names */
	else if (!param_lookup(name, value, sizeof(value)))
		return NB_ENOENT;
	return copy_param(value, buf, buflen);
}

/*
 * get_random_bytes never blocks; it is cryptographically strong once the
 * kernel's generator is seeded.  HARD before that waits for the seed,
 * unless NOWAIT, which then fails with EAGAIN rather than return nothing.
 */
int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	if ((flags & RUMPUSER_RANDOM_HARD) && !rng_is_initialized()) {
		if (flags & RUMPUSER_RANDOM_NOWAIT)
			return NB_EAGAIN;
		if (wait_for_random_bytes() != 0)
			return NB_EAGAIN;
	}
	get_random_bytes(buf, buflen);
	*retp = buflen;
	return 0;
}

/*
 * Console: one line buffer, flushed to printk at a newline or when full.
 */

static char cons_line[1024];
static size_t cons_len;
static DEFINE_SPINLOCK(cons_lock);

void
rumpuser_putchar(int c)
{
	unsigned long flags;

	spin_lock_irqsave(&cons_lock, flags);
	if (c != '\n')
		cons_line[cons_len++] = (char)c;
	if (c == '\n' || cons_len == sizeof(cons_line) - 1) {
		cons_line[cons_len] = '\0';
		pr_info("rump: %s\n", cons_line);
		cons_len = 0;
	}
	spin_unlock_irqrestore(&cons_lock, flags);
}

void
rumpuser_dprintf(const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	pr_info("rumpuser: %pV", &vaf);
	va_end(ap);
}

/*
 * Termination: there is no process to end.  The calling thread reports,
 * dumps its stack for a panic, and sleeps for good.
 */
void
rumpuser_exit(int value)
{
	pr_emerg("rumpuser: halted (%s %d)\n",
	    value == RUMPUSER_PANIC ? "panic" : "exit", value);
	if (value == RUMPUSER_PANIC)
		dump_stack();
	hyp_park();
}

/*
 * No hosting process either to raise a signal in: ENOSYS, as rumprun's
 * bare-metal hypervisor does (the kernel ignores the result).
 */
int
rumpuser_kill(int64_t pid, int sig)
{
	(void)pid;
	if (sig < 0 || sig >= 64)
		return NB_EINVAL;
	return NB_ENOSYS;
}

/*
 * The module is linked like a static rump kernel image: kmod_linkset.lds
 * bounds its link sets, and dl_bootstrap hands them over as a dynamic
 * loader hands over each object's. Its symbols are the kernel's: no symload.
 */
extern const void *const __start_link_set_modules[] __attribute__((__weak__));
extern const void *const __stop_link_set_modules[] __attribute__((__weak__));
extern const void *const __start_link_set_rump_components[] __attribute__((__weak__));
extern const void *const __stop_link_set_rump_components[] __attribute__((__weak__));
extern const void *const __start_link_set_evcnts[] __attribute__((__weak__));
extern const void *const __stop_link_set_evcnts[] __attribute__((__weak__));

/* The module is built in the 2020 form (targets/targets.tsv). */
void
rumpuser_dl_bootstrap(rump_modinit_fn mi, rump_symload_fn sl,
    rump_compload_fn cl, rump_evcntattach_fn ea)
{
	const void *const *p;

	(void)sl;
	if (mi != NULL && __stop_link_set_modules > __start_link_set_modules)
		mi((const struct modinfo *const *)__start_link_set_modules,
		    (size_t)(__stop_link_set_modules - __start_link_set_modules));
	if (cl != NULL)
		for (p = __start_link_set_rump_components;
		    p < __stop_link_set_rump_components; p++)
			cl(*p);
	if (ea != NULL)
		for (p = __start_link_set_evcnts; p < __stop_link_set_evcnts; p++)
			ea((struct evcnt *)*p);
}

/* A kernel module cannot fork into the background. */
int
rumpuser_daemonize_begin(void)
{
	return NB_ENOSYS;
}

int
rumpuser_daemonize_done(int error)
{
	(void)error;
	return NB_ENOSYS;
}
