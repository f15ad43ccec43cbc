/*
 * mockkern.c -- the mock rump kernel (see mockkern.h).
 */
#include "mockkern.h"

#define MK_MAXVIOL	32
#define MK_VIOLLEN	200

static struct rumpuser_hyperup mk_hyp;
static int mk_next_id;
static int mk_nlive;		/* lwps created, not yet destroyed */
static struct mk_watch *mk_watched;
static struct rumpuser_mtx *mk_schedlock;
static int mk_isbooted;

static struct {
	const char *id;
	char text[MK_VIOLLEN];
} mk_viol[MK_MAXVIOL];
static int mk_nviol;
static int mk_viol_lock;

void
mk_violation(const char *id, const char *fmt, ...)
{
	va_list ap;
	int i;

	while (__atomic_exchange_n(&mk_viol_lock, 1, __ATOMIC_ACQUIRE))
		continue;
	i = mk_nviol;
	if (i < MK_MAXVIOL) {
		mk_viol[i].id = id;
		va_start(ap, fmt);
		rc_vsnprintf(mk_viol[i].text, MK_VIOLLEN, fmt, ap);
		va_end(ap);
		mk_nviol = i + 1;
	}
	__atomic_store_n(&mk_viol_lock, 0, __ATOMIC_RELEASE);
}

int
mk_nviolations(void)
{
	return __atomic_load_n(&mk_nviol, __ATOMIC_ACQUIRE);
}

const char *
mk_violation_at(int i, const char **id)
{
	*id = mk_viol[i].id;
	return mk_viol[i].text;
}

void
mk_clear_violations(void)
{
	__atomic_store_n(&mk_nviol, 0, __ATOMIC_RELEASE);
}

struct lwp *
mk_curlwp(void)
{
	struct lwp *l = RC_RAW(curlwp)();

	if (l != NULL && l->l_magic != MK_LWP_MAGIC) {
		mk_violation("LWP-004", "curlwp returned %p, not a live lwp", (void *)l);
		return NULL;
	}
	return l;
}

int
mk_has_cpu(void)
{
	struct lwp *l = mk_curlwp();

	return l != NULL && l->l_cpu;
}

unsigned long
mk_unsched_count(void)
{
	struct lwp *l = mk_curlwp();

	return l != NULL ? __atomic_load_n(&l->l_unsched, __ATOMIC_ACQUIRE) : 0;
}

struct lwp *
mk_lwp_create(void)
{
	struct lwp *l = rch_alloc(sizeof(*l));

	if (l == NULL)
		rch_abort_case("mock kernel: out of memory for an lwp");
	__atomic_add_fetch(&mk_nlive, 1, __ATOMIC_SEQ_CST);
	rc_memset(l, 0, sizeof(*l));
	l->l_magic = MK_LWP_MAGIC;
	l->l_id = __atomic_add_fetch(&mk_next_id, 1, __ATOMIC_SEQ_CST);
	RC_RAW(curlwpop)(RUMPUSER_LWP_CREATE, l);
	return l;
}

void
mk_lwp_destroy(struct lwp *l)
{
	RC_RAW(curlwpop)(RUMPUSER_LWP_DESTROY, l);
	l->l_magic = MK_LWP_DEAD;
	rch_free(l);
	__atomic_sub_fetch(&mk_nlive, 1, __ATOMIC_SEQ_CST);
}

int
mk_lwps_live(void)
{
	return __atomic_load_n(&mk_nlive, __ATOMIC_SEQ_CST);
}

/* Take the CPU with a big-lock depth that differs between lwps. */
static void
mk_take_cpu(struct lwp *l, int biglocks)
{
	if (l->l_cpu)
		mk_violation("UPC-006", "lwp %d took a virtual CPU it already held", l->l_id);
	l->l_cpu = 1;
	l->l_biglocks = biglocks;
}

void
mk_enter(struct lwp *l)
{
	RC_RAW(curlwpop)(RUMPUSER_LWP_SET, l);
	mk_take_cpu(l, 2 + l->l_id % 5);
}

void
mk_leave(void)
{
	struct lwp *l = mk_curlwp();

	if (l == NULL) {
		mk_violation("LWP-002", "no lwp bound when leaving the kernel");
		return;
	}
	l->l_cpu = 0;
	RC_RAW(curlwpop)(RUMPUSER_LWP_CLEAR, l);
}

/*
 * Is w's mutex held right now? tryenter by the probe lwp, bound in place
 * of the calling thread's own for the moment: a hypervisor whose mutexes
 * recurse for their holder still refuses another lwp.
 */
static int
mk_mutex_held(struct mk_watch *w)
{
	struct lwp *self = RC_RAW(curlwp)();
	int held;

	if (self != NULL)
		RC_RAW(curlwpop)(RUMPUSER_LWP_CLEAR, self);
	RC_RAW(curlwpop)(RUMPUSER_LWP_SET, w->w_probe);
	held = RC_RAW(mutex_tryenter)(w->w_mtx) != 0;
	if (!held)
		RC_RAW(mutex_exit)(w->w_mtx);
	RC_RAW(curlwpop)(RUMPUSER_LWP_CLEAR, w->w_probe);
	if (self != NULL)
		RC_RAW(curlwpop)(RUMPUSER_LWP_SET, self);
	return held;
}

void
mk_watch(struct mk_watch *w, struct rumpuser_mtx *m)
{
	rc_memset(w, 0, sizeof(*w));
	w->w_mtx = m;
	w->w_probe = mk_lwp_create();
	w->w_probe_ok = mk_mutex_held(w);
	__atomic_store_n(&mk_watched, w, __ATOMIC_RELEASE);
}

void
mk_unwatch(void)
{
	struct mk_watch *w = __atomic_exchange_n(&mk_watched, NULL, __ATOMIC_ACQ_REL);

	if (w != NULL)
		mk_lwp_destroy(w->w_probe);
}

void
mk_set_schedlock(struct rumpuser_mtx *m)
{
	mk_schedlock = m;
}


static void
hyp_backend_unschedule(int nlocks, int *countp, void *interlock)
{
	struct lwp *l = mk_curlwp();

	if (l == NULL) {
		mk_violation("UPC-007", "backend_unschedule from a thread with no lwp");
		return;
	}
	if (!l->l_cpu)
		mk_violation("UPC-005", "backend_unschedule by lwp %d, which holds no CPU", l->l_id);
	if (countp == NULL)
		mk_violation("UPC-003", "backend_unschedule given a NULL count pointer");
	else
		*countp = nlocks == 0 ? l->l_biglocks : nlocks;
	if (interlock != NULL && interlock == mk_schedlock)
		RC_RAW(mutex_enter_nowrap)(mk_schedlock);
	l->l_handed = countp != NULL ? *countp : 0;
	l->l_interlock = interlock;
	l->l_backend_out = 1;
	l->l_cpu = 0;
	__atomic_add_fetch(&l->l_unsched, 1, __ATOMIC_RELEASE);
}

static void
mk_check_order(void *interlock)
{
	struct mk_watch *w = __atomic_load_n(&mk_watched, __ATOMIC_ACQUIRE);

	if (w == NULL || w->w_mtx != interlock || interlock == mk_schedlock)
		return;
	w->w_reschedules++;
	if (mk_mutex_held(w))
		w->w_held_at_sched++;
}

static void
hyp_backend_schedule(int nlocks, void *interlock)
{
	struct lwp *l = mk_curlwp();

	if (l == NULL) {
		mk_violation("UPC-007", "backend_schedule from a thread with no lwp");
		return;
	}
	/* A thread with its own lwp and no CPU may enter this way (bio, virtif). */
	if (l->l_backend_out && nlocks != l->l_handed)
		mk_violation("UPC-003", "backend_schedule got nlocks %d, backend_unschedule handed out %d",
		    nlocks, l->l_handed);
	if (l->l_backend_out && interlock != l->l_interlock)
		mk_violation("UPC-004", "interlock %p to backend_schedule, %p to backend_unschedule",
		    interlock, l->l_interlock);
	mk_check_order(interlock);
	l->l_backend_out = 0;
	mk_take_cpu(l, nlocks);
	__atomic_add_fetch(&l->l_sched, 1, __ATOMIC_RELEASE);
	if (interlock != NULL && interlock == mk_schedlock)
		RC_RAW(mutex_exit)(mk_schedlock);
}

/* Entry from outside the kernel: an implicit lwp if the thread has none. */
static void
hyp_schedule(void)
{
	struct lwp *l = mk_curlwp();

	if (l == NULL) {
		l = mk_lwp_create();
		l->l_implicit = 1;
		RC_RAW(curlwpop)(RUMPUSER_LWP_SET, l);
	}
	mk_take_cpu(l, 1);
}

static void
hyp_unschedule(void)
{
	struct lwp *l = mk_curlwp();

	if (l == NULL) {
		mk_violation("UPC-007", "hyp_unschedule from a thread with no lwp");
		return;
	}
	if (!l->l_cpu)
		mk_violation("UPC-005", "hyp_unschedule by lwp %d, which holds no CPU", l->l_id);
	l->l_cpu = 0;
	if (l->l_implicit) {
		RC_RAW(curlwpop)(RUMPUSER_LWP_CLEAR, l);
		mk_lwp_destroy(l);
	}
}

/* Move the calling thread, and its CPU, from its lwp to next. */
static void
mk_switch_to(struct lwp *next)
{
	struct lwp *cur = mk_curlwp();
	int cpu = 0, locks = 1;

	if (cur != NULL) {
		cpu = cur->l_cpu;
		locks = cur->l_biglocks;
		cur->l_cpu = 0;
		RC_RAW(curlwpop)(RUMPUSER_LWP_CLEAR, cur);
		if (cur->l_implicit)
			mk_lwp_destroy(cur);
	}
	RC_RAW(curlwpop)(RUMPUSER_LWP_SET, next);
	next->l_cpu = cpu;
	next->l_biglocks = locks;
}

static int
hyp_lwproc_newlwp(pid_t pid)
{
	struct lwp *l = mk_lwp_create();

	l->l_pid = (int)pid;
	mk_switch_to(l);
	return 0;
}

static void
hyp_lwproc_switch(struct lwp *l)
{
	mk_switch_to(l);
}

static void
hyp_lwproc_release(void)
{
	struct lwp *old = mk_curlwp();
	struct lwp *tmp = mk_lwp_create();

	tmp->l_implicit = 1;
	mk_switch_to(tmp);
	if (old != NULL && !old->l_implicit)
		mk_lwp_destroy(old);
}

static struct lwp *
hyp_lwproc_curlwp(void)
{
	return mk_curlwp();
}

/* The sysproxy upcalls: no sysproxy component in the mock (ENXIO, 6). */
static int
hyp_lwproc_rfork(void *priv, int flags, const char *comm)
{
	(void)priv; (void)flags; (void)comm;
	return 6;
}

static int
hyp_syscall(int num, void *arg, long *retval)
{
	(void)num; (void)arg; (void)retval;
	return 6;
}

static void
hyp_lwpexit(void)
{
}

static void
hyp_execnotify(const char *comm)
{
	(void)comm;
}

static pid_t
hyp_getpid(void)
{
	return 1;
}

const struct rumpuser_hyperup *
mk_table(void)
{
	mk_hyp.hyp_schedule = hyp_schedule;
	mk_hyp.hyp_unschedule = hyp_unschedule;
	mk_hyp.hyp_backend_unschedule = hyp_backend_unschedule;
	mk_hyp.hyp_backend_schedule = hyp_backend_schedule;
	mk_hyp.hyp_lwproc_switch = hyp_lwproc_switch;
	mk_hyp.hyp_lwproc_release = hyp_lwproc_release;
	mk_hyp.hyp_lwproc_rfork = hyp_lwproc_rfork;
	mk_hyp.hyp_lwproc_newlwp = hyp_lwproc_newlwp;
	mk_hyp.hyp_lwproc_curlwp = hyp_lwproc_curlwp;
	mk_hyp.hyp_syscall = hyp_syscall;
	mk_hyp.hyp_lwpexit = hyp_lwpexit;
	mk_hyp.hyp_execnotify = hyp_execnotify;
	mk_hyp.hyp_getpid = hyp_getpid;
	return &mk_hyp;
}

int
mk_booted(void)
{
	return __atomic_load_n(&mk_isbooted, __ATOMIC_ACQUIRE);
}

void
mk_set_booted(void)
{
	__atomic_store_n(&mk_isbooted, 1, __ATOMIC_RELEASE);
}

void
mk_reset(void)
{
	__atomic_store_n(&mk_isbooted, 0, __ATOMIC_RELEASE);
	mk_clear_violations();
	__atomic_store_n(&mk_watched, NULL, __ATOMIC_RELEASE);
	mk_schedlock = NULL;
}

int
mk_boot(int version)
{
	int error = RC_RAW(init)(version, mk_table());

	if (error == 0)
		mk_set_booted();
	return error;
}
