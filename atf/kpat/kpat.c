/*
 * kpat.c -- kernel patterns: the hypercall sequences a real NetBSD rump
 * kernel issues at boot and in steady state (sys/rump/librump/rumpkern
 * and rumpvfs), with the kernel's own argument shapes, driven through the
 * mock kernel. Each case names the kernel file it mirrors.
 */
#include "../file/iohelp.h"

#define NS_PER_MS	1000000LL
#define NS_PER_SEC	1000000000LL
#define PAGE		4096
#define HZ		100			/* the kernel's clock rate */
#define TICK_NS		(NS_PER_SEC / HZ)
#define FLAG_MS		10000			/* a worker not done by then hangs */

/* NetBSD kernel thread priorities (sys/param.h, schedppq 1). */
#define PRI_NONE	(-1)
#define PRI_KTHREAD	96
#define PRI_PGDAEMON	126
#define PRI_XCALL	127

/* rump.c: char buf[256]; hostname[MAXHOSTNAMELEN]. */
#define BOOTBUF		256
#define CANARY		16
#define CANARY_BYTE	0x5a

static char kp_buf[BOOTBUF + CANARY];

/* The kernel's strtoll(buf, NULL, 10): leading blanks, a sign, digits. */
static long long
kernel_strtoll(const char *s)
{
	long long v = 0;
	int neg = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return neg ? -v : v;
}

/*
 * getparam(name) into the kernel's 256-byte buffer with a canary behind
 * it: the return value; a value must end inside the buffer (id).
 */
static int
kernel_getparam(const char *id, const char *name)
{
	int rv, i, terminated = 0;

	rc_memset(kp_buf, CANARY_BYTE, sizeof(kp_buf));
	rv = rumpuser_getparam(name, kp_buf, BOOTBUF);
	for (i = BOOTBUF; i < BOOTBUF + CANARY; i++)
		if (!RC_EXPECT(id, kp_buf[i] == CANARY_BYTE,
		    "getparam(%s, buf, %d) wrote byte %d past the buffer", name, BOOTBUF,
		    i - BOOTBUF))
			return -1;
	for (i = 0; i < BOOTBUF; i++)
		terminated |= kp_buf[i] == '\0';
	if (rv == 0 && !RC_EXPECT(id, terminated,
	    "getparam(%s, buf, %d) returned 0 with no NUL inside the buffer", name, BOOTBUF))
		return -1;
	return rv;
}

#define MAXRAW	8

/*
 * n raw hypervisor threads (no lwp, no CPU, as the kernel's threads start)
 * running fn(arg), gate opened once all exist, then joined; failures
 * count against id.
 */
static void
run_raw_threads(const char *id, void *(*fn)(void *), void *arg, int n,
    struct rc_gate *start)
{
	void *cookie[MAXRAW];
	int i, made, rv;

	for (made = 0; made < n && made < MAXRAW; made++) {
		rv = rumpuser_thread_create(fn, arg, "kpatraw", 1, PRI_NONE, -1, &cookie[made]);
		if (!RC_EXPECT(id, rv == 0, "thread_create(mustjoin 1, PRI_NONE, -1) = %d", rv))
			break;
	}
	if (start != NULL)
		rc_gate_open(start);
	for (i = 0; i < made; i++)
		RC_EXPECT(id, rumpuser_thread_join(cookie[i]) == 0, "thread_join failed");
}

RC_CASE(boot_getparam, "KPT-001 KPT-002 KPT-003",
    "rump_init's parameter sequence with its 256-byte buffers: RUMP_THREADS, RUMP_VERBOSE, NCPU, "
    "then (after the CPUs) HOSTNAME; later RUMP_MEMLIMIT, RUMP_NVNODES, RUMP_BLKFAIL")
{
	static const char *const optional[] = {
		"RUMP_MEMLIMIT", "RUMP_NVNODES", "RUMP_BLKFAIL", "RUMP_BLKSECTSHIFT",
	};
	const char *why;
	long long ncpu;
	unsigned i;
	int rv;

	/* rump.c reads these before NCPU; only a 0 return is acted upon. */
	if (rch_setparam("RUMP_VERBOSE", "0", &why) == 0) {
		rv = kernel_getparam("KPT-001", "RUMP_VERBOSE");
		RC_ASSERT("KPT-001", rv == 0 && rc_strcmp(kp_buf, "0") == 0,
		    "RUMP_VERBOSE set to \"0\" came back as %d \"%s\": the kernel would %s",
		    rv, rv == 0 ? kp_buf : "", rv == 0 ? "boot verbose" : "miss it");
	}
	RC_BAIL();
	(void)kernel_getparam("KPT-001", "RUMP_THREADS");
	RC_BAIL();

	rv = kernel_getparam("KPT-001", RUMPUSER_PARAM_NCPU);
	RC_ASSERT("KPT-001", rv == 0,
	    "getparam(%s, buf, 256) = %d: rump_init panics \"mandatory hypervisor "
	    "configuration (NCPU) missing\"", RUMPUSER_PARAM_NCPU, rv);
	ncpu = kernel_strtoll(kp_buf);
	RC_ASSERT("KPT-002", ncpu >= 1,
	    "NCPU \"%.32s\" parses (strtoll, base 10) as %lld: rump_init panics, "
	    "not enough CPUs; return the count as a decimal string", kp_buf, ncpu);

	rv = kernel_getparam("KPT-001", RUMPUSER_PARAM_HOSTNAME);
	RC_ASSERT("KPT-001", rv == 0 && kp_buf[0] != '\0',
	    "getparam(%s, buf, MAXHOSTNAMELEN 256) = %d%s: rump_init panics \"mandatory "
	    "hypervisor configuration (HOSTNAME) missing\"", RUMPUSER_PARAM_HOSTNAME, rv,
	    rv == 0 ? " with an empty name" : "");

	/* vm.c, vfs, rumpblk.c: a 0 return means "set", and the value is used. */
	for (i = 0; i < sizeof(optional) / sizeof(optional[0]); i++) {
		rv = kernel_getparam("KPT-003", optional[i]);
		RC_BAIL();
		RC_ASSERT("KPT-003", rv != 0,
		    "unset parameter %s came back as 0 with \"%.32s\": the kernel takes it "
		    "as configured to that (RUMP_MEMLIMIT 0 leaves no memory); return ENOENT",
		    optional[i], kp_buf);
	}
}

/*
 * vm.c: pgctor (PAGE_SIZE, PAGE_SIZE), uvm_km_kmem_alloc (n pages,
 * PAGE_SIZE), uvm_km_alloc (its caller's alignment, above a page too),
 * mutex_init and kthread_create (a small struct, 0), rumpfs (any length, 0).
 */
static const struct { size_t len; int align; } kp_shapes[] = {
	{ 48, 0 }, { 24, 0 }, { PAGE, PAGE }, { 3 * PAGE, PAGE }, { 1000, 0 },
	{ 16 * PAGE, PAGE }, { 2 * PAGE, 2 * PAGE }, { 8 * PAGE, 16 * PAGE },
	{ PAGE, 16 * PAGE }, { 64 * PAGE, 64 * PAGE }, { 12345, 0 }, { PAGE, PAGE },
};
#define NSHAPES	(sizeof(kp_shapes) / sizeof(kp_shapes[0]))
#define ROUNDS	4

static void
fill(unsigned char *p, size_t len, unsigned seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 31 + seed);
}

static long
check_fill(const unsigned char *p, size_t len, unsigned seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != (unsigned char)(i * 31 + seed))
			return (long)i;
	return -1;
}

RC_CASE(vm_alloc_mix, "KPT-004",
    "the kernel's allocation mix (vm.c): page-sized and multi-page with PAGE_SIZE alignment, "
    "alignments above a page, small unaligned structs; each aligned, usable, freed with its length")
{
	void *p[ROUNDS][NSHAPES];
	unsigned r, i;
	long bad;

	rc_memset(p, 0, sizeof(p));
	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < NSHAPES; i++) {
			int rv = rumpuser_malloc(kp_shapes[i].len, kp_shapes[i].align, &p[r][i]);

			RC_ASSERT("KPT-004", rv == 0 && p[r][i] != NULL,
			    "rumpuser_malloc(%zu, %d) = %d, %p: uvm_km_alloc panics",
			    kp_shapes[i].len, kp_shapes[i].align, rv, p[r][i]);
			RC_ASSERT("KPT-004", kp_shapes[i].align == 0 ||
			    ((uintptr_t)p[r][i] & (uintptr_t)(kp_shapes[i].align - 1)) == 0,
			    "rumpuser_malloc(%zu, %d) gave %p, not aligned to %d: the kernel "
			    "asked for that alignment and relies on it", kp_shapes[i].len,
			    kp_shapes[i].align, p[r][i], kp_shapes[i].align);
			fill(p[r][i], kp_shapes[i].len, r * NSHAPES + i);
		}
		/* Free every other round's blocks early: the kernel interleaves. */
		if (r % 2 == 1) {
			for (i = 0; i < NSHAPES; i++) {
				bad = check_fill(p[r - 1][i], kp_shapes[i].len, (r - 1) * NSHAPES + i);
				RC_ASSERT("KPT-004", bad < 0,
				    "block %zu/%d changed at byte %ld while others were in use",
				    kp_shapes[i].len, kp_shapes[i].align, bad);
				rumpuser_free(p[r - 1][i], kp_shapes[i].len);
				p[r - 1][i] = NULL;
			}
		}
	}
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < NSHAPES; i++) {
			if (p[r][i] == NULL)
				continue;
			bad = check_fill(p[r][i], kp_shapes[i].len, r * NSHAPES + i);
			RC_ASSERT("KPT-004", bad < 0,
			    "block %zu/%d changed at byte %ld", kp_shapes[i].len,
			    kp_shapes[i].align, bad);
			rumpuser_free(p[r][i], kp_shapes[i].len);
		}
}

/*
 * vm.c uvm_km_alloc(module_map): rumpuser_anonmmap(desired, size,
 * ffs(align) - 1, exec, &rv), where on amd64 desired = 0x80000000 - size
 * (modules need the low 2 GB): every module load hints at the same top,
 * so the hints overlap. Each map must still be its own, usable, aligned.
 */
static const struct { size_t len; int alignbit, exec; } kp_modmaps[] = {
	{ 40 * PAGE, 12, 1 }, { 3 * PAGE, 12, 0 }, { 17 * PAGE, 16, 1 },
	{ PAGE, 12, 0 }, { 64 * PAGE, 21, 0 },
};
#define NMODMAPS	(sizeof(kp_modmaps) / sizeof(kp_modmaps[0]))

/* The kernel's desired address for a module map of len bytes. */
static void *
module_hint(size_t len)
{
#if defined(__x86_64__)
	return (void *)(uintptr_t)(0x80000000UL - len);
#else
	(void)len;
	return NULL;
#endif
}

RC_CASE(module_map_anonmmap, "KPT-013",
    "uvm_km_alloc on module_map (vm.c): anonmmap with the same low-2GB hint for every module, "
    "alignbit = ffs(align) - 1 and exec for text; each map its own, aligned, writable in full")
{
	void *p[NMODMAPS];
	unsigned i, j;
	long bad;
	int rv;

	rc_memset(p, 0, sizeof(p));
	for (i = 0; i < NMODMAPS; i++) {
		size_t len = kp_modmaps[i].len;

		rv = rumpuser_anonmmap(module_hint(len), len, kp_modmaps[i].alignbit,
		    kp_modmaps[i].exec, &p[i]);
		if (!RC_EXPECT("KPT-013", rv == 0 && p[i] != NULL,
		    "anonmmap(hint %p, %zu, alignbit %d, exec %d) = %d: a second module "
		    "cannot load; the address is only a hint", module_hint(len), len,
		    kp_modmaps[i].alignbit, kp_modmaps[i].exec, rv)) {
			p[i] = NULL;
			break;
		}
		RC_EXPECT("KPT-013", ((uintptr_t)p[i] &
		    (((uintptr_t)1 << kp_modmaps[i].alignbit) - 1)) == 0,
		    "anonmmap(alignbit %d) gave %p", kp_modmaps[i].alignbit, p[i]);
		fill(p[i], len, 7 * i + 1);
	}
	for (i = 0; i < NMODMAPS && p[i] != NULL; i++) {
		bad = check_fill(p[i], kp_modmaps[i].len, 7 * i + 1);
		RC_EXPECT("KPT-013", bad < 0,
		    "module map %u (%zu bytes) changed at byte %ld: maps given for overlapping "
		    "hints overlap", i, kp_modmaps[i].len, bad);
		for (j = 0; j < i; j++)
			RC_EXPECT("KPT-013", (char *)p[i] + kp_modmaps[i].len <= (char *)p[j] ||
			    (char *)p[j] + kp_modmaps[j].len <= (char *)p[i],
			    "module maps %u and %u overlap", i, j);
	}
	for (i = 0; i < NMODMAPS && p[i] != NULL; i++)
		rumpuser_unmap(p[i], kp_modmaps[i].len);
}

/*
 * threads.c / intr.c / scheduler.c kthreads: what kthread_create passes
 * rumpuser_thread_create. The new thread waits (nowrap) until the kernel
 * allows threads, binds the lwp its creator made, takes a CPU, runs, and
 * exits as kthread_exit does: unschedule, CLEAR, DESTROY, thread_exit.
 */
struct kshape {
	const char *name;
	int mustjoin, pri, cpuidx;
};

static const struct kshape kp_kthreads[] = {
	{ "pdaemon", 0, PRI_PGDAEMON, -1 }, { "rumpclk0", 0, PRI_NONE, 0 },
	{ "rumpclk1", 0, PRI_NONE, 1 }, { "rsi0/1", 0, PRI_NONE, 0 },
	{ "rsi1/3", 0, PRI_NONE, 1 }, { "xcall/0", 0, PRI_XCALL, 0 },
	{ "aiodoned", 0, 0, -1 }, { "kpatjoin", 1, PRI_NONE, -1 },
	{ "kpatjoin/1", 1, PRI_KTHREAD, 1 },
};
#define NKTHREADS	(sizeof(kp_kthreads) / sizeof(kp_kthreads[0]))

struct kthr {
	const struct kshape *s;
	struct rc_gate *allow;
	struct lwp *l;
	void *cookie;
	int ran_with_lwp;
	volatile int done;
};

static void *
kthread_bouncer(void *arg)
{
	struct kthr *k = arg;

	rc_gate_wait(k->allow);
	mk_enter(k->l);
	k->ran_with_lwp = mk_curlwp() == k->l && mk_has_cpu();
	mk_leave();
	mk_lwp_destroy(k->l);
	rc_store(&k->done, 1);
	rumpuser_thread_exit();
}

RC_CASE(kthread_shapes, "KPT-005",
    "kthread_create's shapes: pdaemon (PRI_PGDAEMON, unbound), rumpclk%d and rsi%d/%d (PRI_NONE, "
    "bound to CPU i), xcall/%d (PRI_XCALL), workqueue threads (0), joinable ones; all start and exit")
{
	static struct kthr k[NKTHREADS];
	struct rc_gate allow;
	unsigned i, made = 0;
	long long ncpu;
	int rv, cpu;

	/* Bound threads go to CPUs that exist: index i % NCPU. */
	rv = kernel_getparam("KPT-005", RUMPUSER_PARAM_NCPU);
	ncpu = rv == 0 ? kernel_strtoll(kp_buf) : 0;
	RC_ASSERT("KPT-005", ncpu >= 1, "getparam(NCPU) = %d, \"%.16s\"", rv, kp_buf);
	rc_memset(k, 0, sizeof(k));
	rc_gate_init(&allow);
	for (i = 0; i < NKTHREADS; i++) {
		const struct kshape *s = k[i].s = &kp_kthreads[i];

		k[i].allow = &allow;
		k[i].l = mk_lwp_create();
		cpu = s->cpuidx < 0 ? -1 : (int)(s->cpuidx % ncpu);
		rv = rumpuser_thread_create(kthread_bouncer, &k[i], s->name,
		    s->mustjoin, s->pri, cpu, &k[i].cookie);
		if (!RC_EXPECT("KPT-005", rv == 0,
		    "thread_create(\"%s\", mustjoin %d, priority %d, cpuidx %d) = %d: "
		    "kthread_create fails and the kernel panics", s->name, s->mustjoin,
		    s->pri, cpu, rv)) {
			mk_lwp_destroy(k[i].l);
			break;
		}
		made++;
	}
	rc_gate_open(&allow);		/* rump_thread_allow: CPUs are up */
	for (i = 0; i < made; i++) {
		if (k[i].s->mustjoin) {
			rv = rumpuser_thread_join(k[i].cookie);
			RC_EXPECT("KPT-005", rv == 0, "thread_join(\"%s\") = %d", k[i].s->name, rv);
		}
		RC_EXPECT("KPT-005", rc_wait_flag(&k[i].done, FLAG_MS) && k[i].ran_with_lwp,
		    "kthread \"%s\" (priority %d) %s", k[i].s->name, k[i].s->pri,
		    rc_load(&k[i].done) ? "ran without its lwp or a CPU" : "never ran");
	}
	rc_gate_destroy(&allow);
}

/*
 * rump.c rump_init before rump_scheduler_init: lwp0 is CREATEd and SET on
 * the booting thread, but no virtual CPU exists yet. getparam,
 * clock_gettime(RELWALL) for boottime, malloc (uvm_init, kmem), the SPIN
 * giant lock and the thread-start mutex and cv are made then: a hypervisor
 * calling backend_unschedule there has no CPU to give back.
 */
static void
early_boot_calls(struct lwp *lwp0)
{
	struct rumpuser_mtx *giant = NULL, *thrmtx = NULL;
	struct rumpuser_cv *thrcv = NULL;
	int64_t sec = 0;
	long nsec = 0;
	void *mem[4];
	int i;

	(void)rumpuser_getparam("RUMP_THREADS", kp_buf, BOOTBUF);
	(void)rumpuser_getparam("RUMP_VERBOSE", kp_buf, BOOTBUF);
	(void)rumpuser_getparam(RUMPUSER_PARAM_NCPU, kp_buf, BOOTBUF);
	rumpuser_mutex_init(&thrmtx, RUMPUSER_MTX_SPIN);
	rumpuser_cv_init(&thrcv);
	(void)rumpuser_clock_gettime(RUMPUSER_CLOCK_RELWALL, &sec, &nsec);
	rumpuser_mutex_init(&giant, RUMPUSER_MTX_SPIN);
	for (i = 0; i < 4; i++)
		if (rumpuser_malloc(i == 0 ? 200 : (size_t)i * PAGE, i == 0 ? 0 : PAGE, &mem[i]) != 0)
			mem[i] = NULL;
	RC_EXPECT("KPT-014", lwp0->l_unsched == 0 && lwp0->l_sched == 0,
	    "before the kernel has CPUs its boot-time hypercalls made %lu backend_unschedule "
	    "and %lu backend_schedule upcalls: rump_init would crash on an unset CPU",
	    lwp0->l_unsched, lwp0->l_sched);
	for (i = 0; i < 4; i++)
		if (mem[i] != NULL)
			rumpuser_free(mem[i], i == 0 ? 200 : (size_t)i * PAGE);
	rumpuser_cv_destroy(thrcv);
	rumpuser_mutex_destroy(thrmtx);
	rumpuser_mutex_destroy(giant);
}

RC_CASE_F(early_boot_no_upcalls, "KPT-014",
    "rump_init's hypercalls made after rumpuser_init and curlwpop(CREATE, SET lwp0) but before "
    "any virtual CPU exists (getparam, clock_gettime, malloc, SPIN mutex and cv init) make no "
    "scheduling upcalls", RC_F_NOBOOT | RC_F_NOCHECK)
{
	struct lwp *lwp0;
	int rv = mk_boot(RUMPUSER_VERSION);

	RC_ASSERT("KPT-014", rv == 0, "rumpuser_init(%d) = %d", RUMPUSER_VERSION, rv);
	lwp0 = mk_lwp_create();
	rumpuser_curlwpop(RUMPUSER_LWP_SET, lwp0);
	early_boot_calls(lwp0);
	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, lwp0);
	mk_lwp_destroy(lwp0);
	RC_EXPECT("KPT-014", mk_nviolations() == 0,
	    "the mock kernel saw %d scheduling violations during early boot", mk_nviolations());
}

/*
 * lwproc.c / scheduler.c: rump_schedule from a host thread with no lwp.
 * Under lwp0busy (a SPIN mutex, nowrap) SET lwp0, CREATE l, switch
 * (CLEAR lwp0, SET l), lwp0rele; later rump_unschedule frees it: lwp0busy,
 * switch (CLEAR l, SET lwp0), DESTROY l, lwp0rele, CLEAR lwp0. lwp0 is
 * bound to one host thread after another.
 */
#define LWPROC_THREADS	4
#define LWPROC_ROUNDS	300

struct lwp0state {
	struct lwp *lwp0;
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	int busy;
	int bad;
};

static void
lwp0busy(struct lwp0state *s)
{
	rumpuser_mutex_enter_nowrap(s->mtx);
	while (s->busy)
		rumpuser_cv_wait_nowrap(s->cv, s->mtx);
	s->busy = 1;
	rumpuser_mutex_exit(s->mtx);
}

static void
lwp0rele(struct lwp0state *s)
{
	rumpuser_mutex_enter_nowrap(s->mtx);
	s->busy = 0;
	rumpuser_cv_signal(s->cv);
	rumpuser_mutex_exit(s->mtx);
}

/* One curlwpop, then curlwp must be want. */
static int
lwpop(struct lwp0state *s, int op, struct lwp *l, struct lwp *want, const char *step)
{
	struct lwp *got;

	rumpuser_curlwpop(op, l);
	got = rumpuser_curlwp();
	if (!RC_EXPECT("KPT-006", got == want,
	    "%s: curlwp is %p, want %p (lwp0 %p): the kernel would run on the wrong lwp",
	    step, (void *)got, (void *)want, (void *)s->lwp0))
		return rc_store(&s->bad, 1), -1;
	return 0;
}

static int
implicit_schedule_round(struct lwp0state *s)
{
	struct lwp *l;
	int bad;

	lwp0busy(s);
	bad = lwpop(s, RUMPUSER_LWP_SET, s->lwp0, s->lwp0, "SET lwp0");
	l = mk_lwp_create();
	bad = bad || lwpop(s, RUMPUSER_LWP_CLEAR, s->lwp0, NULL, "switch: CLEAR lwp0") ||
	    lwpop(s, RUMPUSER_LWP_SET, l, l, "switch: SET new lwp");
	lwp0rele(s);
	if (bad)
		return -1;
	/* ... the kernel runs on l; then rump_unschedule frees it. */
	lwp0busy(s);
	bad = lwpop(s, RUMPUSER_LWP_CLEAR, l, NULL, "switch: CLEAR exiting lwp") ||
	    lwpop(s, RUMPUSER_LWP_SET, s->lwp0, s->lwp0, "switch: SET lwp0");
	if (!bad)
		mk_lwp_destroy(l);
	bad = bad || lwpop(s, RUMPUSER_LWP_CLEAR, s->lwp0, NULL, "CLEAR lwp0");
	lwp0rele(s);
	return bad ? -1 : 0;
}

static void *
implicit_scheduler(void *arg)
{
	struct lwp0state *s = arg;
	int i;

	for (i = 0; i < LWPROC_ROUNDS && !rc_load(&s->bad); i++)
		if (implicit_schedule_round(s) != 0)
			break;
	rumpuser_thread_exit();
}

RC_CASE(lwproc_implicit_threads, "KPT-006",
    "rump_schedule/rump_unschedule from host threads without an lwp (scheduler.c, lwproc.c): "
    "lwp0 SET and CLEARed by one thread after another, each creating, switching to and destroying "
    "its own lwp")
{
	struct lwp0state s;
	struct lwp *self = mk_curlwp();

	rc_memset(&s, 0, sizeof(s));
	s.lwp0 = mk_lwp_create();
	rumpuser_mutex_init(&s.mtx, RUMPUSER_MTX_SPIN);
	rumpuser_cv_init(&s.cv);
	run_raw_threads("KPT-006", implicit_scheduler, &s, LWPROC_THREADS, NULL);
	RC_EXPECT("KPT-006", mk_curlwp() == self,
	    "the main thread's lwp changed while other threads bound lwp0");
	rumpuser_cv_destroy(s.cv);
	rumpuser_mutex_destroy(s.mtx);
	mk_lwp_destroy(s.lwp0);
}

/*
 * intr.c doclock: read ABSMONO once, then sleep to absolute deadlines
 * one tick (1/hz) apart, forever. Never early; never falling behind.
 */
#define TICKS		60
#define LAST		10
#define BEHIND_NS	(100 * NS_PER_MS)	/* tolerated even on a loaded host */

struct clockrun {
	int64_t early_by;	/* worst early wakeup, ns (0: none) */
	int early_tick;
	int64_t min_late;	/* least lateness over the last LAST ticks */
	int error;
	volatile int done;
};

static int64_t
absmono_ns(void)
{
	int64_t sec = 0;
	long nsec = 0;

	rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec);
	return sec * NS_PER_SEC + nsec;
}

static void
doclock(void *arg)
{
	struct clockrun *c = arg;
	int64_t deadline = absmono_ns(), woke;
	int t;

	c->min_late = (int64_t)1 << 62;
	for (t = 0; t < TICKS; t++) {
		c->error = rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO,
		    deadline / NS_PER_SEC, (long)(deadline % NS_PER_SEC));
		if (c->error != 0)
			break;
		woke = absmono_ns();
		if (deadline - woke > c->early_by) {
			c->early_by = deadline - woke;
			c->early_tick = t;
		}
		if (t >= TICKS - LAST && woke - deadline < c->min_late)
			c->min_late = woke - deadline;
		deadline += TICK_NS;
	}
	rc_store(&c->done, 1);
}

RC_CASE(clock_thread_ticks, "KPT-007 KPT-008",
    "the clock interrupt thread (intr.c): ABSMONO sleeps to deadlines 1/hz apart (hz 100) never "
    "wake early and do not fall behind")
{
	static struct clockrun c;	/* a hung clock thread may outlive the case */
	struct rc_thread *t;

	rc_memset(&c, 0, sizeof(c));
	if ((t = rc_spawn(doclock, &c, "rumpclk0")) == NULL)
		return;
	RC_ASSERT("KPT-007", rc_wait_flag(&c.done, FLAG_MS),
	    "%d ticks of 10 ms did not end within %d ms: a clock_sleep(ABSMONO) to a "
	    "deadline a tick ahead does not return (the deadline is not read on the "
	    "clock clock_gettime(ABSMONO) gives)", TICKS, FLAG_MS);
	rc_join(t);
	RC_ASSERT("KPT-007", c.error == 0,
	    "clock_sleep(ABSMONO) returned %d: doclock KASSERTs 0", c.error);
	RC_ASSERT("KPT-007", c.early_by == 0,
	    "tick %d: clock_sleep(ABSMONO) returned %lld ns before its deadline: hardclock "
	    "runs early; sleep until the monotonic clock reaches the deadline",
	    c.early_tick, (long long)c.early_by);
	RC_ASSERT("KPT-008", c.min_late <= BEHIND_NS,
	    "after %d ticks every one of the last %d woke at least %lld ms late: the clock "
	    "thread falls behind (kernel time runs slow); oversleeping accumulates", TICKS,
	    LAST, (long long)(c.min_late / NS_PER_MS));
}

/*
 * scheduler.c rump_schedule_cpu slow path and rump_unschedule_cpu1: a
 * per-CPU SPIN mutex taken with enter_nowrap and a cv waited on with
 * cv_wait_nowrap while the CPU is busy; the releaser broadcasts if anyone
 * wants it. Threads with no lwp and no CPU contend for one virtual CPU.
 */
#define CPU_THREADS	6
#define CPU_ROUNDS	20000

struct rcpu {
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	struct rc_gate start;
	int busy;		/* under mtx */
	int wanted;		/* under mtx */
	int in_mtx;		/* atomic: threads holding mtx */
	int on_cpu;		/* atomic: threads on the virtual CPU */
	int runs;		/* atomic */
	int broken;
};

/* Count ourselves into *inside; more than one there breaks exclusion. */
static void
enter_alone(struct rcpu *c, int *inside, const char *what)
{
	int n = rc_inc(inside);

	if (!RC_EXPECT("KPT-009", n == 1,
	    "%d threads in %s at once: the per-CPU SPIN mutex taken with enter_nowrap "
	    "did not exclude", n, what))
		rc_store(&c->broken, 1);
}

static void
leave(int *inside)
{
	__atomic_sub_fetch(inside, 1, __ATOMIC_SEQ_CST);
}

/* A little work, as the kernel's CAS loop and bookkeeping do under the lock. */
static void
busywork(int n)
{
	uint64_t x = (uint64_t)(uintptr_t)&x;

	while (n-- > 0)
		(void)rc_rand(&x);
}

static void
rcpu_lock(struct rcpu *c)
{
	rumpuser_mutex_enter_nowrap(c->mtx);
	enter_alone(c, &c->in_mtx, "the scheduler lock");
	busywork(20);
}

static void
rcpu_unlock(struct rcpu *c)
{
	leave(&c->in_mtx);
	rumpuser_mutex_exit(c->mtx);
}

static void
rcpu_take(struct rcpu *c)
{
	rcpu_lock(c);
	while (c->busy && !rc_load(&c->broken)) {
		c->wanted++;
		leave(&c->in_mtx);
		rumpuser_cv_wait_nowrap(c->cv, c->mtx);
		enter_alone(c, &c->in_mtx, "the scheduler lock");
		c->wanted--;
	}
	c->busy = 1;
	rcpu_unlock(c);
}

static void
rcpu_release(struct rcpu *c)
{
	rcpu_lock(c);
	c->busy = 0;
	if (c->wanted || rc_load(&c->broken))
		rumpuser_cv_broadcast(c->cv);
	rcpu_unlock(c);
}

static void *
rcpu_user(void *arg)
{
	struct rcpu *c = arg;
	int i;

	rc_gate_wait(&c->start);
	for (i = 0; i < CPU_ROUNDS && !rc_load(&c->broken); i++) {
		rcpu_take(c);
		enter_alone(c, &c->on_cpu, "one virtual CPU");
		busywork(50);		/* kernel work on the CPU */
		rc_inc(&c->runs);
		leave(&c->on_cpu);
		rcpu_release(c);
	}
	rumpuser_thread_exit();
}

RC_CASE(sched_cpu_lock, "KPT-009",
    "the scheduler's CPU handoff (scheduler.c): SPIN mutex with enter_nowrap, cv_wait_nowrap while "
    "the CPU is busy, broadcast on release, from threads with no lwp and no CPU")
{
	struct rcpu c;

	rc_memset(&c, 0, sizeof(c));
	rumpuser_mutex_init(&c.mtx, RUMPUSER_MTX_SPIN);
	rumpuser_cv_init(&c.cv);
	rc_gate_init(&c.start);
	run_raw_threads("KPT-009", rcpu_user, &c, CPU_THREADS, &c.start);
	rc_gate_destroy(&c.start);
	RC_BAIL();
	RC_ASSERT_EQ("KPT-009", rc_load(&c.runs), CPU_THREADS * CPU_ROUNDS,
	    "times the virtual CPU was taken");
	rumpuser_cv_destroy(c.cv);
	rumpuser_mutex_destroy(c.mtx);
}

/*
 * locks.c cv_timedwait(cv, mtx, ticks): a relative timeout of ticks/hz
 * seconds and (ticks % hz) * (1e9 / hz) nanoseconds on a KMUTEX the
 * caller holds; ETIMEDOUT becomes EWOULDBLOCK, 0 a wakeup.
 */
struct cvwake {
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	int flag;		/* under mtx */
};

static void
cv_waker(void *arg)
{
	struct cvwake *w = arg;

	rc_sleep_ms(30);
	rumpuser_mutex_enter(w->mtx);
	w->flag = 1;
	rumpuser_cv_signal(w->cv);
	rumpuser_mutex_exit(w->mtx);
}

/* One cv_timedwait(ticks) as locks.c issues it; its return value. */
static int
ticks_wait(struct cvwake *w, int ticks, uint64_t *took)
{
	uint64_t t0 = rch_mono_ns();
	struct lwp *owner = NULL;
	int rv;

	rv = rumpuser_cv_timedwait(w->cv, w->mtx, ticks / HZ,
	    (int64_t)(ticks % HZ) * (NS_PER_SEC / HZ));
	*took = rch_mono_ns() - t0;
	rumpuser_mutex_owner(w->mtx, &owner);
	RC_EXPECT("KPT-010", owner == mk_curlwp(),
	    "after cv_timedwait(%d ticks) the mutex owner is %p, not curlwp: "
	    "mutex_owned() KASSERTs fail", ticks, (void *)owner);
	return rv;
}

RC_CASE(locks_cv_timedwait_ticks, "KPT-010",
    "cv_timedwait as locks.c issues it: relative (ticks/hz, remainder in ns) timeouts of 1, 3 "
    "and 7 ticks on a KMUTEX end in ETIMEDOUT no sooner; a signalled 5 s wait returns 0 at once")
{
	static const int ticks[] = { 1, 3, 7 };
	struct cvwake w = { NULL, NULL, 0 };
	struct rc_thread *t;
	uint64_t took;
	unsigned i;
	int rv;

	rumpuser_mutex_init(&w.mtx, RUMPUSER_MTX_KMUTEX);
	rumpuser_cv_init(&w.cv);
	rumpuser_mutex_enter(w.mtx);
	for (i = 0; i < sizeof(ticks) / sizeof(ticks[0]); i++) {
		rv = ticks_wait(&w, ticks[i], &took);
		RC_BAIL();
		RC_ASSERT("KPT-010", rv == NB_ETIMEDOUT && took >= (uint64_t)ticks[i] * TICK_NS,
		    "cv_timedwait(0 s, %lld ns) returned %d after %llu us: the kernel asked "
		    "for a relative wait of %d ticks", (long long)ticks[i] * TICK_NS, rv,
		    (unsigned long long)(took / 1000), ticks[i]);
	}
	rumpuser_mutex_exit(w.mtx);

	if ((t = rc_spawn(cv_waker, &w, "kpatwaker")) == NULL)
		return;
	rumpuser_mutex_enter(w.mtx);
	for (rv = 0; !w.flag && rv == 0;)
		rv = ticks_wait(&w, 5 * HZ, &took);
	rumpuser_mutex_exit(w.mtx);
	rc_join(t);
	RC_BAIL();
	RC_ASSERT("KPT-010", rv == 0 && w.flag,
	    "a 5 s cv_timedwait signalled after 30 ms returned %d (flag %d)", rv, w.flag);
	rumpuser_cv_destroy(w.cv);
	rumpuser_mutex_destroy(w.mtx);
}

/*
 * rumpblk.c: getfileinfo for size and type, open RDWR|BIO, then
 * dostrategy's rumpuser_bio(fd, op, b_data, b_bcount, blkno << DEV_BSHIFT,
 * rump_biodone, bp): WRITE|SYNC for synchronous writes, READ; biodone
 * with a CPU, bytes == b_bcount. The data must be at that byte offset.
 */
struct kbuf {
	uint64_t blkno;
	size_t bcount;
	unsigned char *data;
	size_t bytes;
	int error, ndone, had_cpu;
};

static void
kp_biodone(void *arg, size_t bytes, int error)
{
	struct kbuf *b = arg;

	b->had_cpu = mk_has_cpu() && mk_curlwp() != NULL;
	b->bytes = bytes;
	b->error = error;
	rc_inc(&b->ndone);
}

/* dostrategy + biowait for one buffer; 0 when biodone came as needed. */
static int
strategy(int fd, struct kbuf *b, int op)
{
	b->ndone = 0;
	rumpuser_bio(fd, op, b->data, b->bcount, (int64_t)(b->blkno << 9), kp_biodone, b);
	rc_wait_flag(&b->ndone, FLAG_MS);
	return RC_EXPECT("KPT-011", rc_load(&b->ndone) == 1 && b->error == 0 &&
	    b->bytes == b->bcount && b->had_cpu,
	    "bio(op %#x, %zu bytes, blkno %llu): biodone %d times, error %d, %zu bytes, %s",
	    op, b->bcount, (unsigned long long)b->blkno, rc_load(&b->ndone), b->error,
	    b->bytes, b->had_cpu ? "with a CPU" : "without an lwp and a CPU") ? 0 : -1;
}

/* The bytes at the buffer's byte offset, read back apart from bio. */
static int
landed(int fd, struct kbuf *b, unsigned seed)
{
	struct rumpuser_iovec iov = { b->data, b->bcount };
	size_t done = 0;
	int rv;

	rc_memset(b->data, 0, b->bcount);
	rv = rumpuser_iovread(fd, &iov, 1, (int64_t)(b->blkno << 9), &done);
	return RC_EXPECT("KPT-011", rv == 0 && done == b->bcount &&
	    io_check(b->data, b->bcount, b->blkno << 9, seed) == -1,
	    "data written by bio at blkno %llu (byte %llu) is not there (iovread %d, %zu bytes): "
	    "the offset is in bytes, already converted from DEV_BSIZE blocks",
	    (unsigned long long)b->blkno, (unsigned long long)(b->blkno << 9), rv, done) ? 0 : -1;
}

static void
rumpblk_run(int fd, struct kbuf *bufs, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		io_fill(bufs[i].data, bufs[i].bcount, bufs[i].blkno << 9, 3);
		if (strategy(fd, &bufs[i], RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC) != 0)
			return;
	}
	for (i = 0; i < n; i++) {
		rc_memset(bufs[i].data, 0, bufs[i].bcount);
		if (strategy(fd, &bufs[i], RUMPUSER_BIO_READ) != 0)
			return;
		RC_EXPECT("KPT-011", io_check(bufs[i].data, bufs[i].bcount,
		    bufs[i].blkno << 9, 3) == -1, "bio read of blkno %llu returned other data",
		    (unsigned long long)bufs[i].blkno);
		if (landed(fd, &bufs[i], 3) != 0)
			return;
	}
}

RC_CASE(rumpblk_sequence, "KPT-011",
    "rumpblk.c: getfileinfo (size, type), open RDWR|BIO, synchronous writes and reads of FFS-like "
    "buffers (2 KiB fragments to MAXPHYS) at blkno << 9, biodone once with a CPU and every byte")
{
	static const struct { uint64_t blkno; size_t bcount; } shape[] = {
		{ 16, 8192 }, { 129, 2048 }, { 4099, 16384 }, { 65536, 65536 },
		{ 8191, 512 }, { 100003, 4096 },
	};
	const unsigned n = sizeof(shape) / sizeof(shape[0]);
	static struct kbuf bufs[sizeof(shape) / sizeof(shape[0])];
	struct io_medium m;
	uint64_t size = 0;
	int type = -1, fd = -1, rv;
	const char *why;
	unsigned i;

	if (io_medium_setup(&m, 0, IO_MEDIUM_SIZE, &why) == -1) {
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	/* rumpblk_register looks before it opens. */
	rv = rumpuser_getfileinfo(m.path, &size, &type);
	RC_EXPECT("KPT-011", rv == 0 && size == m.size &&
	    (type == RUMPUSER_FT_REG || type == RUMPUSER_FT_BLK),
	    "getfileinfo(%s) = %d, size %llu (want %llu), type %d: rumpblk refuses the medium",
	    m.path, rv, (unsigned long long)size, (unsigned long long)m.size, type);
	rv = rumpuser_open(m.path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, &fd);
	if (!RC_EXPECT("KPT-011", rv == 0, "open(%s, RDWR|BIO) = %d", m.path, rv)) {
		io_medium_teardown(&m);
		return;
	}
	rc_memset(bufs, 0, sizeof(bufs));
	for (i = 0; i < n && !rc_failed(); i++) {
		void *p = NULL;

		bufs[i].blkno = shape[i].blkno;
		bufs[i].bcount = shape[i].bcount;
		if (rumpuser_malloc(bufs[i].bcount, PAGE, &p) != 0)
			rch_abort_case("rumpuser_malloc failed");
		bufs[i].data = p;
	}
	if (!rc_failed())
		rumpblk_run(fd, bufs, n);
	for (i = 0; i < n; i++)
		if (bufs[i].data != NULL)
			rumpuser_free(bufs[i].data, bufs[i].bcount);
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

/*
 * rumpblk.c on a machine's own disks: a kernel on bare metal is given the
 * name its platform gives a disk (an etfs registration of "blk0"),
 * rumpblk_register looks it up with getfileinfo, opens it RDWR|BIO
 * (RDONLY|BIO after a refusal) and reads it up to its last sector. Each
 * disk the environment declares must be there under its name, a block
 * device of the size declared.
 */
#define MAX_DISKS	8
#define DISK_SECTOR	512u

/* Read one sector at off through fd: 0, or a failure against KPT-060. */
static int
disk_read_sector(const char *name, int fd, uint64_t off)
{
	static unsigned char sector[DISK_SECTOR];
	struct rumpuser_iovec iov = { sector, sizeof(sector) };
	size_t n = 0;
	int rv = rumpuser_iovread(fd, &iov, 1, (int64_t)off, &n);

	return RC_EXPECT("KPT-060", rv == 0 && n == sizeof(sector),
	    "iovread(%s, %u bytes at %llu) = %d, %zu bytes: the disk is not reachable over "
	    "the size getfileinfo gave", name, DISK_SECTOR, (unsigned long long)off, rv, n) ? 0 : -1;
}

static void
disk_reachable(const struct rch_disk *d)
{
	uint64_t size = 0;
	int type = -1, fd = -1, rv;

	rv = rumpuser_getfileinfo(d->name, &size, &type);
	if (!RC_EXPECT("KPT-060", rv == 0 && type == RUMPUSER_FT_BLK && size == d->size,
	    "getfileinfo(%s) = %d, type %d (want FT_BLK, %d), size %llu (the machine declares "
	    "%llu bytes): rumpblk cannot attach the machine's disk under its name", d->name, rv,
	    type, RUMPUSER_FT_BLK, (unsigned long long)size, (unsigned long long)d->size))
		return;
	if ((rv = rumpuser_open(d->name, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, &fd)) != 0)
		rv = rumpuser_open(d->name, RUMPUSER_OPEN_RDONLY | RUMPUSER_OPEN_BIO, &fd);
	if (!RC_EXPECT("KPT-060", rv == 0, "open(%s, RDWR|BIO), then RDONLY|BIO = %d", d->name, rv))
		return;
	if (size >= DISK_SECTOR && disk_read_sector(d->name, fd, 0) == 0)
		disk_read_sector(d->name, fd, size / DISK_SECTOR * DISK_SECTOR - DISK_SECTOR);
	rumpuser_close(fd);
}

RC_CASE(machine_disks_reachable, "KPT-060",
    "rumpblk.c on the machine's disks: each disk the environment declares is found by "
    "getfileinfo under its name as FT_BLK of the declared size, opens RDWR|BIO, and reads "
    "its first and last sector")
{
	static struct rch_disk disks[MAX_DISKS];
	const char *why;
	int i, n = rch_disks(disks, MAX_DISKS, &why);

	if (n == -1)
		RC_SKIP(why);
	for (i = 0; i < n && i < MAX_DISKS; i++)
		disk_reachable(&disks[i]);
}

/*
 * klock.c: a kernel thread holding the big lock n times blocks in a
 * hypercall; the hypervisor's backend_unschedule returns n and it must
 * hand the same n to backend_schedule. Threads of different depths do it
 * at once.
 */
#define BIG_THREADS	4
#define BIG_ROUNDS	25

struct biguser {
	int wrong;		/* came back with another depth */
	int depth_seen;
	int expected;
};

static void
biglock_sleeper(void *arg)
{
	struct biguser *b = arg;
	struct lwp *l = mk_curlwp();
	int i;

	b->expected = l->l_biglocks;
	for (i = 0; i < BIG_ROUNDS; i++) {
		rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 2 * NS_PER_MS);
		if (l->l_biglocks != b->expected) {
			b->wrong = 1;
			b->depth_seen = l->l_biglocks;
			return;
		}
	}
}

RC_CASE(klock_depth_across_sleeps, "KPT-012",
    "klock.c: kernel threads holding the big lock to different depths sleep at once; each gets "
    "its own depth back through backend_unschedule/backend_schedule")
{
	struct biguser b[BIG_THREADS];
	struct rc_thread *t[BIG_THREADS];
	int i;

	rc_memset(b, 0, sizeof(b));
	for (i = 0; i < BIG_THREADS; i++)
		t[i] = rc_spawn(biglock_sleeper, &b[i], "kpatbig");
	for (i = 0; i < BIG_THREADS; i++)
		rc_join(t[i]);
	for (i = 0; i < BIG_THREADS; i++)
		RC_ASSERT("KPT-012", !b[i].wrong,
		    "a thread holding the big lock %d times came back from clock_sleep holding it "
		    "%d times: keep the count from backend_unschedule per thread", b[i].expected,
		    b[i].depth_seen);
}

static const struct rc_case *const cases[] = {
	RC_REF(boot_getparam), RC_REF(vm_alloc_mix), RC_REF(kthread_shapes),
	RC_REF(lwproc_implicit_threads), RC_REF(clock_thread_ticks), RC_REF(sched_cpu_lock),
	RC_REF(locks_cv_timedwait_ticks), RC_REF(rumpblk_sequence), RC_REF(machine_disks_reachable),
	RC_REF(klock_depth_across_sleeps), RC_REF(module_map_anonmmap),
	RC_REF(early_boot_no_upcalls), NULL
};

const struct rc_area rc_area_kpat = { "kpat", cases };
