/*
 * rc_shim.c -- the rumpuser_* entry points test bodies call.
 *
 * Each forwards to the target through rc_tgt and checks the upcall
 * discipline around the call: a caller that held a virtual CPU holds it
 * again on return (UPC-001), calls that must never release it did not
 * (UPC-002), and the caller's lwp is unchanged (LWP-003).
 */
#include "mockkern.h"

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
	if (cls == FREE)
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
	ret r_;								\
									\
	call_begin(&c_, cls);						\
	r_ = RC_RAW(name) args;						\
	call_end(&c_, cls, #name);					\
	return r_;							\
}
#define RC_HCV_BODY(name, params, args, cls)				\
void rumpuser_##name params						\
{									\
	struct rc_call c_;						\
									\
	call_begin(&c_, cls);						\
	RC_RAW(name) args;						\
	call_end(&c_, cls, #name);					\
}
#define RC_HC_NEVER(r, n, p, a) RC_HC_BODY(r, n, p, a, NEVER)
#define RC_HC_MAY(r, n, p, a) RC_HC_BODY(r, n, p, a, MAY)
#define RC_HC_FREE(r, n, p, a) RC_HC_BODY(r, n, p, a, FREE)
#define RC_HCV_NEVER(n, p, a) RC_HCV_BODY(n, p, a, NEVER)
#define RC_HCV_MAY(n, p, a) RC_HCV_BODY(n, p, a, MAY)
#define RC_HCV_FREE(n, p, a) RC_HCV_BODY(n, p, a, FREE)
#define RC_HCV_HAND(n, p, a)
#define RC_HC(ret, name, params, args, cls) RC_HC_##cls(ret, name, params, args)
#define RC_HCV(name, params, args, cls) RC_HCV_##cls(name, params, args)
#include "hypercalls.def"

void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rc_call c;

	call_begin(&c, NEVER);
	RC_RAW(mutex_init)(mtxp, flags);
	call_end(&c, NEVER, "mutex_init");
	mtxtab_set(*mtxp, flags);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{
	struct rc_call c;

	mtxtab_set(mtx, -1);
	call_begin(&c, NEVER);
	RC_RAW(mutex_destroy)(mtx);
	call_end(&c, NEVER, "mutex_destroy");
}

/* SPIN mutexes never release the CPU, adaptive ones may. */
void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	int flags = mtxtab_get(mtx);
	enum rc_class cls = flags >= 0 && (flags & RUMPUSER_MTX_SPIN) ? NEVER : MAY;
	struct rc_call c;

	call_begin(&c, cls);
	RC_RAW(mutex_enter)(mtx);
	call_end(&c, cls, "mutex_enter");
}

void
rumpuser_dprintf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	rc_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	RC_RAW(dprintf)("%s", buf);
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
