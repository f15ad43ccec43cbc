/*
 * rc_shim.c -- the rumpuser_* entry points test bodies call.
 *
 * Each forwards to the target through rc_tgt and checks the upcall
 * discipline around the call: a caller that held a virtual CPU holds it
 * again on return (UPC-001), calls that must never release it did not
 * (UPC-002), and the caller's lwp is unchanged (LWP-003). Nothing is asked
 * of the target before rumpuser_init succeeded (a real kernel never does).
 *
 * Every call is entered in the runner's in-flight table while it runs
 * (with its deadline for timed waits), so a hang or a crash names the call;
 * out-parameters go through buffers with guard bytes on both sides.
 */
#include "mockkern.h"
#include "rc_run.h"

#define RC_MTXTAB	4096

/* Flags of live mutexes, so mutex_enter knows SPIN from adaptive. */
static struct {
	struct rumpuser_mtx *m;
	int flags;
} rc_mtxtab[RC_MTXTAB];
static int rc_mtxtab_lock;

static void
mtxtab_lock(void)
{
	while (__atomic_exchange_n(&rc_mtxtab_lock, 1, __ATOMIC_ACQUIRE))
		continue;
}

static void
mtxtab_unlock(void)
{
	__atomic_store_n(&rc_mtxtab_lock, 0, __ATOMIC_RELEASE);
}

static unsigned
mtxtab_slot(struct rumpuser_mtx *m)
{
	return (unsigned)(((uintptr_t)m >> 4) * 2654435761u) % RC_MTXTAB;
}

static void
mtxtab_set(struct rumpuser_mtx *m, int flags)
{
	unsigned i, n;

	mtxtab_lock();
	for (i = mtxtab_slot(m), n = 0; n < RC_MTXTAB; i = (i + 1) % RC_MTXTAB, n++) {
		if (rc_mtxtab[i].m == NULL || rc_mtxtab[i].m == m ||
		    (flags >= 0 && rc_mtxtab[i].m == (struct rumpuser_mtx *)1)) {
			rc_mtxtab[i].m = flags < 0 ? (struct rumpuser_mtx *)1 : m;
			rc_mtxtab[i].flags = flags;
			break;
		}
	}
	mtxtab_unlock();
}

/* The flags m was created with, or -1 if unknown. */
static int
mtxtab_get(struct rumpuser_mtx *m)
{
	unsigned i, n;
	int flags = -1;

	mtxtab_lock();
	for (i = mtxtab_slot(m), n = 0; n < RC_MTXTAB; i = (i + 1) % RC_MTXTAB, n++) {
		if (rc_mtxtab[i].m == m) {
			flags = rc_mtxtab[i].flags;
			break;
		}
		if (rc_mtxtab[i].m == NULL)
			break;
	}
	mtxtab_unlock();
	return flags;
}

enum rc_class { NEVER, MAY, FREE };

/* Enter a call in the in-flight table, marked with the caller's stack. */
#define RC_ENTER(name, deadline) \
	rc_flight_enter(name, deadline, __builtin_frame_address(0))
/*
 * FREE calls are not entered: curlwp must stay as cheap as the target
 * makes it (LWP-015 times it), and the component calls move the CPU.
 */
#define RC_ENTER_CLASS(name, cls) ((cls) == FREE ? -1 : RC_ENTER(name, 0))

struct rc_call {
	struct lwp *l;
	int cpu;
	unsigned long unsched;
};

static void
call_begin(struct rc_call *c, enum rc_class cls)
{
	c->l = NULL;
	c->cpu = 0;
	if (cls == FREE || !mk_booted())
		return;
	c->l = mk_curlwp();
	c->cpu = c->l != NULL && c->l->l_cpu;
	c->unsched = c->l != NULL ? __atomic_load_n(&c->l->l_unsched, __ATOMIC_ACQUIRE) : 0;
}

static void
call_end(struct rc_call *c, enum rc_class cls, const char *name)
{
	struct lwp *l;

	if (cls == FREE || !c->cpu)
		return;
	l = mk_curlwp();
	if (l != c->l) {
		mk_violation("LWP-003", "curlwp changed across rumpuser_%s", name);
		return;
	}
	if (!l->l_cpu)
		mk_violation("UPC-001", "rumpuser_%s returned without the virtual CPU", name);
	if (cls == NEVER && __atomic_load_n(&l->l_unsched, __ATOMIC_ACQUIRE) != c->unsched)
		mk_violation("UPC-002", "rumpuser_%s released the virtual CPU; it must never", name);
}

#define RC_HC_BODY(ret, name, params, args, cls)			\
ret rumpuser_##name params						\
{									\
	struct rc_call c_;						\
	int s_ = RC_ENTER_CLASS(#name, cls);				\
	ret r_;								\
									\
	call_begin(&c_, cls);						\
	r_ = RC_RAW(name) args;						\
	call_end(&c_, cls, #name);					\
	rc_flight_exit(s_);						\
	return r_;							\
}
#define RC_HCV_BODY(name, params, args, cls)				\
void rumpuser_##name params						\
{									\
	struct rc_call c_;						\
	int s_ = RC_ENTER_CLASS(#name, cls);				\
									\
	call_begin(&c_, cls);						\
	RC_RAW(name) args;						\
	call_end(&c_, cls, #name);					\
	rc_flight_exit(s_);						\
}
#define RC_HC_NEVER(r, n, p, a) RC_HC_BODY(r, n, p, a, NEVER)
#define RC_HC_MAY(r, n, p, a) RC_HC_BODY(r, n, p, a, MAY)
#define RC_HC_FREE(r, n, p, a) RC_HC_BODY(r, n, p, a, FREE)
#define RC_HCV_NEVER(n, p, a) RC_HCV_BODY(n, p, a, NEVER)
#define RC_HCV_MAY(n, p, a) RC_HCV_BODY(n, p, a, MAY)
#define RC_HCV_FREE(n, p, a) RC_HCV_BODY(n, p, a, FREE)
#define RC_HC_HAND(r, n, p, a)
#define RC_HCV_HAND(n, p, a)
#define RC_HC(ret, name, params, args, cls) RC_HC_##cls(ret, name, params, args)
#define RC_HCV(name, params, args, cls) RC_HCV_##cls(name, params, args)
#include "hypercalls.def"

#define RC_GUARD	16	/* bytes on each side of an out-parameter */
#define RC_GUARDBYTE	0xa5
#define RC_BOUNCE	128	/* out-parameters up to this size bounce on the stack */

/* An out-parameter bounced through a buffer with guard bytes around it. */
struct guarded {
	void *user;
	size_t len;
	unsigned char *mem;	/* guard, len bytes, guard; NULL: not bounced */
	unsigned char local[RC_BOUNCE + 2 * RC_GUARD];
};

/* What to hand the target instead of user: the same contents, guarded. */
static void *
guard_begin(struct guarded *g, void *user, size_t len)
{
	g->user = user;
	g->len = len;
	g->mem = NULL;
	if (user == NULL || len > ((size_t)-1) / 2)
		return user;
	g->mem = len <= RC_BOUNCE ? g->local : rch_alloc(len + 2 * RC_GUARD);
	if (g->mem == NULL)
		return user;
	rc_memset(g->mem, RC_GUARDBYTE, RC_GUARD);
	__builtin_memcpy(g->mem + RC_GUARD, user, len);
	rc_memset(g->mem + RC_GUARD + len, RC_GUARDBYTE, RC_GUARD);
	return g->mem + RC_GUARD;
}

static size_t
guard_damage(const unsigned char *p)
{
	size_t i, n = 0;

	for (i = 0; i < RC_GUARD; i++)
		n += p[i] != RC_GUARDBYTE;
	return n;
}

/* Fail id if the target wrote outside the buffer; give the caller its bytes. */
static void
guard_end(struct guarded *g, const char *id, const char *call, const char *what)
{
	size_t before, after;

	if (g->mem == NULL)
		return;
	before = guard_damage(g->mem);
	after = guard_damage(g->mem + RC_GUARD + g->len);
	RC_EXPECT(id, before == 0 && after == 0, "rumpuser_%s changed %zu guard "
	    "byte(s) before and %zu after %s (%zu bytes): it writes outside the memory "
	    "it was given, corrupting the caller's neighbouring data",
	    call, before, after, what, g->len);
	__builtin_memcpy(g->user, g->mem + RC_GUARD, g->len);
	if (g->mem != g->local)
		rch_free(g->mem);
}

/* An init call must hand back a handle the kernel can use. */
static void
check_handle(const void *h, const char *call)
{
	RC_EXPECT("ABI-251", h != NULL, "rumpuser_%s stored a NULL handle: the "
	    "kernel would pass NULL to every later call on the object", call);
}

#define RC_OUT_ID	"ABI-250"	/* out-parameters stay inside themselves */

int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	int s = RC_ENTER("init", 0);
	int error = RC_RAW(init)(version, hyp);

	rc_flight_exit(s);
	if (error == 0)
		mk_set_booted();
	return error;
}

/* Enter a plain call in the in-flight table around one guarded statement. */
#define RC_TRACKED(name, cls, stmt) do {				\
	struct rc_call c_;						\
	int s_ = RC_ENTER(#name, 0);						\
									\
	call_begin(&c_, cls);						\
	stmt;								\
	call_end(&c_, cls, #name);					\
	rc_flight_exit(s_);						\
} while (0)

/* A success must come with a block: the caller would use address 0. */
int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	int r;

	RC_TRACKED(malloc, NEVER, r = RC_RAW(malloc)(len, alignment, memp));
	if (r == 0 && len > 0 && memp != NULL)
		RC_EXPECT("MEM-001", *memp != NULL, "rumpuser_malloc(%zu, %d) returned 0 "
		    "and a NULL block", len, alignment);
	return r;
}

int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	struct guarded g;
	void *b = guard_begin(&g, buf, buflen);
	int r;

	RC_TRACKED(getparam, NEVER, r = RC_RAW(getparam)(name, b, buflen));
	guard_end(&g, "PRM-009", "getparam", "its buffer");
	return r;
}

int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	struct guarded g, gr;
	void *b = guard_begin(&g, buf, buflen);
	size_t *rp = guard_begin(&gr, retp, sizeof(*retp));
	int r;

	RC_TRACKED(getrandom, NEVER, r = RC_RAW(getrandom)(b, buflen, flags, rp));
	guard_end(&g, "RND-003", "getrandom", "its buffer");
	guard_end(&gr, RC_OUT_ID, "getrandom", "*retp");
	return r;
}

int
rumpuser_clock_gettime(int clk, int64_t *sec, long *nsec)
{
	struct guarded gs, gn;
	int64_t *sp = guard_begin(&gs, sec, sizeof(*sec));
	long *np = guard_begin(&gn, nsec, sizeof(*nsec));
	int r;

	RC_TRACKED(clock_gettime, NEVER, r = RC_RAW(clock_gettime)(clk, sp, np));
	guard_end(&gs, RC_OUT_ID, "clock_gettime", "*sec (int64_t)");
	guard_end(&gn, RC_OUT_ID, "clock_gettime", "*nsec (long)");
	return r;
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
	struct guarded gs, gt;
	uint64_t *sp = guard_begin(&gs, size, sizeof(*size));
	int *tp = guard_begin(&gt, type, sizeof(*type));
	int r;

	RC_TRACKED(getfileinfo, MAY, r = RC_RAW(getfileinfo)(name, sp, tp));
	guard_end(&gs, RC_OUT_ID, "getfileinfo", "*size (uint64_t)");
	guard_end(&gt, RC_OUT_ID, "getfileinfo", "*type (int)");
	return r;
}

int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct guarded g;
	void **cp = guard_begin(&g, cookie, sizeof(*cookie));
	int r;

	RC_TRACKED(thread_create, NEVER,
	    r = RC_RAW(thread_create)(f, arg, thrname, mustjoin, priority, cpuidx, cp));
	guard_end(&g, RC_OUT_ID, "thread_create", "*cookie");
	return r;
}

/* rw_init, cv_init: one guarded out-pointer that must get a handle. */
#define RC_INIT_CALL(name, type)					\
void									\
rumpuser_##name(type **p)						\
{									\
	struct guarded g;						\
	type **gp = guard_begin(&g, p, sizeof(*p));			\
									\
	RC_TRACKED(name, NEVER, RC_RAW(name)(gp));			\
	guard_end(&g, RC_OUT_ID, #name, "the handle pointer");		\
	check_handle(*p, #name);					\
}
RC_INIT_CALL(rw_init, struct rumpuser_rw)
RC_INIT_CALL(cv_init, struct rumpuser_cv)

/* A timed call's deadline on the host clock, from a relative timeout. */
static uint64_t
deadline_after(int64_t sec, long nsec)
{
	if (sec < 0 || sec > 86400 || nsec < 0)
		return 0;
	return rch_mono_ns() + (uint64_t)sec * 1000000000u + (uint64_t)nsec;
}

int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct rc_call c;
	int s = RC_ENTER("cv_timedwait", deadline_after(sec, (long)nsec));
	int r;

	call_begin(&c, MAY);
	r = RC_RAW(cv_timedwait)(cv, mtx, sec, nsec);
	call_end(&c, MAY, "cv_timedwait");
	rc_flight_exit(s);
	return r;
}

/* ABSMONO deadlines are on the hypervisor's monotonic clock, taken as the host's. */
static uint64_t
sleep_deadline(int clk, int64_t sec, long nsec)
{
	uint64_t abs, now = rch_mono_ns();

	if (clk != RUMPUSER_CLOCK_ABSMONO)
		return deadline_after(sec, nsec);
	if (sec < 0 || nsec < 0 || (uint64_t)sec > now / 1000000000u + 86400)
		return 0;
	abs = (uint64_t)sec * 1000000000u + (uint64_t)nsec;
	return abs > now ? abs : now;
}

int
rumpuser_clock_sleep(int clk, int64_t sec, long nsec)
{
	struct rc_call c;
	int s = RC_ENTER("clock_sleep", sleep_deadline(clk, sec, nsec));
	int r;

	call_begin(&c, MAY);
	r = RC_RAW(clock_sleep)(clk, sec, nsec);
	call_end(&c, MAY, "clock_sleep");
	rc_flight_exit(s);
	return r;
}

void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct guarded g;
	struct rumpuser_mtx **p = guard_begin(&g, mtxp, sizeof(*mtxp));

	RC_TRACKED(mutex_init, NEVER, RC_RAW(mutex_init)(p, flags));
	guard_end(&g, RC_OUT_ID, "mutex_init", "*mtxp");
	check_handle(*mtxp, "mutex_init");
	mtxtab_set(*mtxp, flags);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{
	mtxtab_set(mtx, -1);
	RC_TRACKED(mutex_destroy, NEVER, RC_RAW(mutex_destroy)(mtx));
}

/* SPIN mutexes never release the CPU, adaptive ones may. */
void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	int flags = mtxtab_get(mtx);
	enum rc_class cls = flags >= 0 && (flags & RUMPUSER_MTX_SPIN) ? NEVER : MAY;

	RC_TRACKED(mutex_enter, cls, RC_RAW(mutex_enter)(mtx));
}

void
rumpuser_dprintf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int s;

	va_start(ap, fmt);
	rc_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s = RC_ENTER("dprintf", 0);
	RC_RAW(dprintf)("%s", buf);
	rc_flight_exit(s);
}

void
rumpuser_exit(int value)
{
	RC_RAW(exit)(value);
	rc_fail("EXT-001", __FILE__, __LINE__, "rumpuser_exit(%d) returned", value);
	rch_abort_case("rumpuser_exit returned");
}

void
rumpuser_thread_exit(void)
{
	RC_RAW(thread_exit)();
	rc_fail("THR-004", __FILE__, __LINE__, "rumpuser_thread_exit returned");
	rch_abort_case("rumpuser_thread_exit returned");
}

/*
 * rc_call_dl3(fn, mi, sl, cl, poison) calls fn(mi, sl, cl) as a pre-2020
 * kernel does: three arguments, and the place of a fourth holds poison
 * (%rcx on x86-64, the fourth stack slot on i386), as it holds whatever
 * the kernel left there. Elsewhere, and inside a kernel (no hand-written
 * indirect jumps there), a C call passing poison as a fourth argument puts
 * it in that same place on every ABI that passes arguments in order.
 */
#if defined(__x86_64__) && !defined(__KERNEL__)
__asm__(
"	.text\n"
"	.globl	rc_call_dl3\n"
"	.type	rc_call_dl3, @function\n"
"rc_call_dl3:\n"
"	movq	%rdi, %rax\n"	/* fn */
"	movq	%rsi, %rdi\n"	/* mi, sl, cl: arguments 1-3 */
"	movq	%rdx, %rsi\n"
"	movq	%rcx, %rdx\n"
"	movq	%r8, %rcx\n"	/* the 4th argument register: poison */
"	jmp	*%rax\n"
"	.size	rc_call_dl3, .-rc_call_dl3\n");
#elif defined(__i386__) && !defined(__KERNEL__)
__asm__(
"	.text\n"
"	.globl	rc_call_dl3\n"
"	.type	rc_call_dl3, @function\n"
"rc_call_dl3:\n"
"	subl	$12, %esp\n"	/* keeps the stack 16-byte aligned at the call */
"	pushl	32(%esp)\n"	/* the 4th slot: poison */
"	pushl	32(%esp)\n"	/* cl */
"	pushl	32(%esp)\n"	/* sl */
"	pushl	32(%esp)\n"	/* mi */
"	movl	32(%esp), %eax\n"	/* fn */
"	call	*%eax\n"
"	addl	$28, %esp\n"
"	ret\n"
"	.size	rc_call_dl3, .-rc_call_dl3\n");
#else
void
rc_call_dl3(void *fn, void *mi, void *sl, void *cl, void *poison)
{
	((void (*)(void *, void *, void *, void *))fn)(mi, sl, cl, poison);
}
#endif

static int rc_dl_poison_calls;

/* The poison: a pre-2020 kernel passes no 4th argument to call. */
static void
rc_dl_poison(struct evcnt *ev)
{
	(void)ev;
	rc_inc(&rc_dl_poison_calls);
}

int
rc_dl_fourth_arg_calls(void)
{
	return rc_load(&rc_dl_poison_calls);
}

/*
 * dl_bootstrap in the target's form. The pre-2020 form has no evcnt
 * callback, so ea is not passed: the slot holds the poison instead.
 */
void
rumpuser_dl_bootstrap(rump_modinit_fn mi, rump_symload_fn sl,
    rump_compload_fn cl, rump_evcntattach_fn ea)
{
	struct rc_call c;

	call_begin(&c, NEVER);
	if (rc_tgt_form == RC_FORM_PRE2020)
		rc_call_dl3((void *)RC_RAW(dl_bootstrap), (void *)mi, (void *)sl,
		    (void *)cl, (void *)rc_dl_poison);
	else
		RC_RAW(dl_bootstrap)(mi, sl, cl, ea);
	call_end(&c, NEVER, "dl_bootstrap");
}
