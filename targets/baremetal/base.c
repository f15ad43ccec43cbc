/*
 * base.c -- init and the upcalls, threads and curlwp, parameters,
 * randomness, console, termination, and the calls that have no meaning
 * with no operating system under the hypervisor (kill, daemonize, the
 * syscall proxy).
 */
#include <stdarg.h>
#include <string.h>

#include "bm.h"
#include "bm_printf.h"

struct rumpuser_hyperup bm_up;

void
bm_unschedule(int *nlocks, void *interlock)
{
	*nlocks = 0;
	if (bm_up.hyp_backend_unschedule != NULL)
		bm_up.hyp_backend_unschedule(0, nlocks, interlock);
}

void
bm_schedule(int nlocks, void *interlock)
{
	if (bm_up.hyp_backend_schedule != NULL)
		bm_up.hyp_backend_schedule(nlocks, interlock);
}

static void
console_write(const char *s)
{
	while (*s != '\0') {
		if (*s == '\n')
			mach_putc('\r');
		mach_putc(*s++);
	}
}

static void
vprint(const char *fmt, va_list ap)
{
	char line[512];

	bm_vsnprintf(line, sizeof(line), fmt, ap);
	console_write(line);
}

void
bm_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

void
bm_fatal(const char *fmt, ...)
{
	va_list ap;

	console_write("\nrumpuser: fatal: ");
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	console_write("; machine stopped\n");
	mach_exit(RUMPUSER_PANIC & 0xff);
}

int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	if (version != RUMPUSER_VERSION) {
		bm_printf("rumpuser: kernel wants revision %d, this is %d\n",
		    version, RUMPUSER_VERSION);
		return NB_EINVAL;
	}
	bm_up = *hyp;
	return 0;
}

/* --- threads and curlwp ---------------------------------------------------- */

/* The creator keeps running (and keeps its CPU): the thread is only queued. */
int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct bm_thread *t;

	(void)priority;
	(void)cpuidx;
	if ((t = bm_thread_new(f, arg, thrname, mustjoin)) == NULL)
		return NB_EAGAIN;
	if (mustjoin && cookie != NULL)
		*cookie = t;
	return 0;
}

void
rumpuser_thread_exit(void)
{
	bm_thread_exit();
}

int
rumpuser_thread_join(void *cookie)
{
	int nlocks;

	bm_unschedule(&nlocks, NULL);
	bm_thread_join(cookie);
	bm_schedule(nlocks, NULL);
	return 0;
}

void
rumpuser_curlwpop(int op, struct lwp *l)
{
	struct lwp **self = bm_self_lwp();

	switch (op) {
	case RUMPUSER_LWP_CREATE:
	case RUMPUSER_LWP_DESTROY:
		break;
	case RUMPUSER_LWP_SET:
		if (*self != NULL)
			bm_fatal("curlwpop SET %p: %p is still bound", (void *)l, (void *)*self);
		*self = l;
		break;
	case RUMPUSER_LWP_CLEAR:
		if (*self != l)
			bm_fatal("curlwpop CLEAR %p: not the bound lwp", (void *)l);
		*self = NULL;
		break;
	default:
		bm_fatal("curlwpop: unknown operation %d", op);
	}
}

struct lwp *
rumpuser_curlwp(void)
{
	return *bm_self_lwp();
}

void
rumpuser_seterrno(int e)
{
	*bm_self_errno() = e;
}

/* --- parameters: NAME=VALUE words of the command line, then bm_param_set -- */

#define PARAM_MAX	24
#define PARAM_NAMELEN	64
#define PARAM_VALLEN	256

static struct {
	char name[PARAM_NAMELEN];
	char value[PARAM_VALLEN];
} params[PARAM_MAX];
static int params_loaded;

static int
copy_bounded(char *dst, size_t cap, const char *src, size_t n)
{
	if (n >= cap)
		return -1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

static int
param_store(const char *name, size_t nlen, const char *value, size_t vlen)
{
	int i, slot = -1;

	if (nlen == 0 || nlen >= PARAM_NAMELEN || vlen >= PARAM_VALLEN)
		return NB_EINVAL;
	for (i = 0; i < PARAM_MAX; i++) {
		if (strncmp(params[i].name, name, nlen) == 0 && params[i].name[nlen] == '\0')
			break;
		if (slot < 0 && params[i].name[0] == '\0')
			slot = i;
	}
	if (i == PARAM_MAX)
		i = slot;
	if (i < 0)
		return NB_ENOMEM;
	copy_bounded(params[i].name, PARAM_NAMELEN, name, nlen);
	copy_bounded(params[i].value, PARAM_VALLEN, value, vlen);
	return 0;
}

/* Every NAME=VALUE word of the command line (others are the user's). */
static void
load_cmdline(void)
{
	const char *p = mach_cmdline(), *w, *eq;

	params_loaded = 1;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		for (w = p, eq = NULL; *p != ' ' && *p != '\0'; p++)
			if (eq == NULL && *p == '=')
				eq = p;
		if (eq != NULL && eq > w)
			param_store(w, (size_t)(eq - w), eq + 1, (size_t)(p - eq - 1));
	}
}

int
bm_param_set(const char *name, const char *value)
{
	if (!params_loaded)
		load_cmdline();
	return param_store(name, strlen(name), value, strlen(value));
}

static size_t
strspn_digits(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

static const char *
param_find(const char *name)
{
	int i;

	if (!params_loaded)
		load_cmdline();
	for (i = 0; i < PARAM_MAX; i++)
		if (params[i].name[0] != '\0' && strcmp(params[i].name, name) == 0)
			return params[i].value;
	return NULL;
}

/*
 * One CPU runs every thread; RUMP_NCPU asks for more virtual CPUs (they
 * take turns on it), as on POSIX.
 */
static const char *
ncpu_value(char *buf, size_t len)
{
	const char *want = param_find("RUMP_NCPU");
	unsigned long n = 0;

	for (const char *p = want; p != NULL && *p >= '0' && *p <= '9' && n < 100000; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (want == NULL || n == 0 || want[strspn_digits(want)] != '\0')
		return "1";
	bm_snprintf(buf, len, "%lu", n);
	return buf;
}

int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *value;
	char host[64], ncpu[24];

	if (name == NULL || buf == NULL)
		return NB_EINVAL;
	if (strcmp(name, RUMPUSER_PARAM_NCPU) == 0)
		value = ncpu_value(ncpu, sizeof(ncpu));
	else if (strcmp(name, RUMPUSER_PARAM_HOSTNAME) == 0) {
		bm_snprintf(host, sizeof(host), "rump-%s", mach_name());
		value = host;
	} else if (name[0] == '_')
		return NB_EINVAL;	/* reserved for the mandatory names */
	else if ((value = param_find(name)) == NULL)
		return NB_ENOENT;
	if (strlen(value) + 1 > buflen)
		return NB_ERANGE;
	memcpy(buf, value, strlen(value) + 1);
	return 0;
}

/* --- randomness: the machine's generator, or none ------------------------ */

/*
 * Only a hardware generator is entropy: a machine without one makes every
 * request fail with ENOTSUP rather than hand out guessable bytes.
 */
int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	long n;

	(void)flags;
	if (buflen == 0) {
		*retp = 0;
		return 0;
	}
	if ((n = mach_random(buf, buflen)) < 0)
		return (int)-n;
	*retp = (size_t)n;
	return 0;
}

/* --- console ---------------------------------------------------------------- */

void
rumpuser_putchar(int c)
{
	if (c == '\n')
		mach_putc('\r');
	mach_putc((char)c);
}

void
rumpuser_dprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

/* --- termination and the calls with no host process behind them --------- */

/* The machine stops, with the status where the machine can pass one. */
void
rumpuser_exit(int value)
{
	bm_printf("rumpuser: halted (%s %d)\n",
	    value == RUMPUSER_PANIC ? "panic" : "exit", value);
	mach_exit(value);
}

/* No hosting process to raise a signal in: ENOSYS, as rumprun's hypervisor. */
int
rumpuser_kill(int64_t pid, int sig)
{
	(void)pid;
	if (sig < 0 || sig >= 64)
		return NB_EINVAL;
	return NB_ENOSYS;
}

/* The image is linked like a static rump kernel: bss link sets, no symload. */
extern const void *const __start_link_set_modules[] __attribute__((__weak__));
extern const void *const __stop_link_set_modules[] __attribute__((__weak__));
extern const void *const __start_link_set_rump_components[] __attribute__((__weak__));
extern const void *const __stop_link_set_rump_components[] __attribute__((__weak__));
extern const void *const __start_link_set_evcnts[] __attribute__((__weak__));
extern const void *const __stop_link_set_evcnts[] __attribute__((__weak__));

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

/* --- component helpers ------------------------------------------------------ */

static void
require_kernel(const char *what)
{
	if (bm_up.hyp_schedule == NULL)
		bm_fatal("%s called before rumpuser_init", what);
}

void *
rumpuser_component_unschedule(void)
{
	int nlocks;

	bm_unschedule(&nlocks, NULL);
	return (void *)(long)nlocks;
}

void
rumpuser_component_schedule(void *cookie)
{
	bm_schedule((int)(long)cookie, NULL);
}

/* The machine layer already speaks NetBSD errnos. */
int
rumpuser_component_errtrans(int hosterr)
{
	return hosterr < 0 ? -hosterr : hosterr;
}

void
rumpuser_component_kthread(void)
{
	int error;

	require_kernel("component_kthread");
	bm_up.hyp_schedule();
	error = bm_up.hyp_lwproc_newlwp(0);
	bm_up.hyp_unschedule();
	if (error != 0)
		bm_fatal("component_kthread: no lwp for this thread (error %d)", error);
}

void
rumpuser_component_kthread_release(void)
{
	require_kernel("component_kthread_release");
	bm_up.hyp_schedule();
	bm_up.hyp_lwproc_release();
	bm_up.hyp_unschedule();
}

struct lwp *
rumpuser_component_curlwp(void)
{
	struct lwp *l;

	require_kernel("component_curlwp");
	bm_up.hyp_schedule();
	l = bm_up.hyp_lwproc_curlwp();
	bm_up.hyp_unschedule();
	return l;
}

void
rumpuser_component_switchlwp(struct lwp *l)
{
	require_kernel("component_switchlwp");
	bm_up.hyp_schedule();
	bm_up.hyp_lwproc_switch(l);
	bm_up.hyp_unschedule();
}

/* --- the syscall proxy: no sockets to clients -------------------------------- */

int
rumpuser_sp_init(const char *url, const char *ostype, const char *osrelease,
    const char *machine)
{
	(void)url; (void)ostype; (void)osrelease; (void)machine;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyin(void *client, const void *raddr, void *laddr, size_t len)
{
	(void)client; (void)raddr; (void)laddr; (void)len;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyinstr(void *client, const void *raddr, void *laddr, size_t *lenp)
{
	(void)client; (void)raddr; (void)laddr; (void)lenp;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyout(void *client, const void *laddr, void *raddr, size_t len)
{
	(void)client; (void)laddr; (void)raddr; (void)len;
	return NB_ENOSYS;
}

int
rumpuser_sp_copyoutstr(void *client, const void *laddr, void *raddr, size_t *lenp)
{
	(void)client; (void)laddr; (void)raddr; (void)lenp;
	return NB_ENOSYS;
}

int
rumpuser_sp_anonmmap(void *client, size_t howmuch, void **addr)
{
	(void)client; (void)howmuch; (void)addr;
	return NB_ENOSYS;
}

int
rumpuser_sp_raise(void *client, int signo)
{
	(void)client; (void)signo;
	return NB_ENOSYS;
}

void
rumpuser_sp_fini(void *client)
{
	(void)client;
}
