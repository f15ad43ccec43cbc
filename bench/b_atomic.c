/*
 * b_atomic.c -- atomics are not hypercalls: a rump kernel gets them from
 * the compiler (__atomic builtins) or NetBSD's atomic.S. Here the builtins
 * ("target") race the raw instructions ("limit"): on x86_64 lock cmpxchg,
 * lock xadd, xchg, a locked add as membar_sync; on WebAssembly
 * i32/i64.atomic.rmw.{cmpxchg,add,xchg} and atomic.fence. Expect a ratio
 * near 1. Other architectures have no raw side yet and register nothing.
 */
#include "bench_env.h"

#if defined(__x86_64__) || defined(__wasm__)

static volatile uint32_t at32;
static volatile uint64_t at64;

#define AT_BUILTIN_CAS(p, old, new) __extension__ ({			\
	__typeof__((old) + 0) o_ = (old);				\
	__atomic_compare_exchange_n((p), &o_, (new), 0,			\
	    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);			\
	o_; })

#if defined(__x86_64__)

static inline uint32_t
asm_cas32(volatile uint32_t *p, uint32_t old, uint32_t new)
{
	__asm__ __volatile__("lock; cmpxchgl %2, %1"
	    : "+a"(old), "+m"(*p) : "r"(new) : "memory", "cc");
	return old;
}

static inline uint64_t
asm_cas64(volatile uint64_t *p, uint64_t old, uint64_t new)
{
	__asm__ __volatile__("lock; cmpxchgq %2, %1"
	    : "+a"(old), "+m"(*p) : "r"(new) : "memory", "cc");
	return old;
}

static inline uint32_t
asm_add32(volatile uint32_t *p, uint32_t v)
{
	uint32_t old = v;

	__asm__ __volatile__("lock; xaddl %0, %1"
	    : "+r"(old), "+m"(*p) : : "memory", "cc");
	return old + v;
}

static inline uint64_t
asm_add64(volatile uint64_t *p, uint64_t v)
{
	uint64_t old = v;

	__asm__ __volatile__("lock; xaddq %0, %1"
	    : "+r"(old), "+m"(*p) : : "memory", "cc");
	return old + v;
}

static inline uint32_t
asm_swap32(volatile uint32_t *p, uint32_t v)
{
	__asm__ __volatile__("xchgl %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

static inline uint64_t
asm_swap64(volatile uint64_t *p, uint64_t v)
{
	__asm__ __volatile__("xchgq %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

static inline void
asm_membar_sync(void)
{
	__asm__ __volatile__("lock; addl $0, (%%rsp)" : : : "memory", "cc");
}

#else /* __wasm__: operands go through the value stack */

#define AT_WASM_CAS(fname, type, insn)					\
static inline type							\
fname(volatile type *p, type old, type new)				\
{									\
	type r;								\
									\
	__asm__ __volatile__("local.get %1\n\tlocal.get %2\n\t"	\
	    "local.get %3\n\t" insn " 0\n\tlocal.set %0"		\
	    : "=r"(r) : "r"(p), "r"(old), "r"(new) : "memory");		\
	return r;							\
}

/* Read-modify-write: returns the old value. */
#define AT_WASM_RMW(fname, type, insn)					\
static inline type							\
fname(volatile type *p, type v)						\
{									\
	type r;								\
									\
	__asm__ __volatile__("local.get %1\n\tlocal.get %2\n\t"	\
	    insn " 0\n\tlocal.set %0"					\
	    : "=r"(r) : "r"(p), "r"(v) : "memory");			\
	return r;							\
}

AT_WASM_CAS(asm_cas32, uint32_t, "i32.atomic.rmw.cmpxchg")
AT_WASM_CAS(asm_cas64, uint64_t, "i64.atomic.rmw.cmpxchg")
AT_WASM_RMW(asm_fetch_add32, uint32_t, "i32.atomic.rmw.add")
AT_WASM_RMW(asm_fetch_add64, uint64_t, "i64.atomic.rmw.add")
AT_WASM_RMW(asm_swap32, uint32_t, "i32.atomic.rmw.xchg")
AT_WASM_RMW(asm_swap64, uint64_t, "i64.atomic.rmw.xchg")

static inline uint32_t
asm_add32(volatile uint32_t *p, uint32_t v)
{
	return asm_fetch_add32(p, v) + v;
}

static inline uint64_t
asm_add64(volatile uint64_t *p, uint64_t v)
{
	return asm_fetch_add64(p, v) + v;
}

static inline void
asm_membar_sync(void)
{
	__asm__ __volatile__("atomic.fence" : : : "memory");
}

#endif

/* Each body chains its results so no iteration can be skipped. */
#define AT_BODY(fname, type, var, step)					\
static void								\
fname(struct cb_state *st, uint64_t n, void *arg)			\
{									\
	type v = var;							\
									\
	(void)st;							\
	(void)arg;							\
	for (; n > 0; n--)						\
		v = step;						\
	cb_keep(v);							\
}

AT_BODY(bm_cas32_builtin, uint32_t, at32, AT_BUILTIN_CAS(&at32, v, v + 1) + 1)
AT_BODY(bm_cas32_asm, uint32_t, at32, asm_cas32(&at32, v, v + 1) + 1)
AT_BODY(bm_cas64_builtin, uint64_t, at64, AT_BUILTIN_CAS(&at64, v, v + 1) + 1)
AT_BODY(bm_cas64_asm, uint64_t, at64, asm_cas64(&at64, v, v + 1) + 1)
AT_BODY(bm_add32_builtin, uint32_t, 0, __atomic_add_fetch(&at32, v | 1, __ATOMIC_SEQ_CST))
AT_BODY(bm_add32_asm, uint32_t, 0, asm_add32(&at32, v | 1))
AT_BODY(bm_add64_builtin, uint64_t, 0, __atomic_add_fetch(&at64, v | 1, __ATOMIC_SEQ_CST))
AT_BODY(bm_add64_asm, uint64_t, 0, asm_add64(&at64, v | 1))
AT_BODY(bm_swap32_builtin, uint32_t, 0, __atomic_exchange_n(&at32, v + 1, __ATOMIC_SEQ_CST))
AT_BODY(bm_swap32_asm, uint32_t, 0, asm_swap32(&at32, v + 1))
AT_BODY(bm_swap64_builtin, uint64_t, 0, __atomic_exchange_n(&at64, v + 1, __ATOMIC_SEQ_CST))
AT_BODY(bm_swap64_asm, uint64_t, 0, asm_swap64(&at64, v + 1))

static void
bm_membar_builtin(struct cb_state *st, uint64_t n, void *arg)
{
	(void)st;
	(void)arg;
	/* clang merges a loop of bare fences into one (0 ns/op on bare metal). */
	for (; n > 0; n--) {
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		cb_clobber();
	}
}

static void
bm_membar_asm(struct cb_state *st, uint64_t n, void *arg)
{
	(void)st;
	(void)arg;
	for (; n > 0; n--)
		asm_membar_sync();
}

static void
at_pair(const char *name, cb_fn *builtin, cb_fn *raw)
{
	struct bench_pair p = { .name = name, .target = builtin, .limit = raw };

	bench_pair(&p);
}

void
bench_register_atomic(void)
{
	at_pair("atomic/cas_32", bm_cas32_builtin, bm_cas32_asm);
	at_pair("atomic/cas_64", bm_cas64_builtin, bm_cas64_asm);
	at_pair("atomic/add_32_nv", bm_add32_builtin, bm_add32_asm);
	at_pair("atomic/add_64_nv", bm_add64_builtin, bm_add64_asm);
	at_pair("atomic/swap_32", bm_swap32_builtin, bm_swap32_asm);
	at_pair("atomic/swap_64", bm_swap64_builtin, bm_swap64_asm);
	at_pair("atomic/membar_sync", bm_membar_builtin, bm_membar_asm);
}

#else

void
bench_register_atomic(void)
{
}

#endif
