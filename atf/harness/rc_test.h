/*
 * rc_test.h -- the portable test API of rumpcheck.
 *
 * Test bodies are plain C functions that know nothing of ATF, processes or
 * the backend under test. The same bodies run under kyua on a host, inside
 * the Linux kernel, under WebAssembly and on bare metal; each environment
 * provides the runner (rc_run.c) and the host services (rc_host.h).
 *
 * Every assertion names the catalog ID (atf/assertions.tsv) it checks.
 */
#ifndef RC_TEST_H
#define RC_TEST_H

#include "rc_host.h"

#define LIBRUMPUSER
#ifndef RUMPUSER_2020
#define RUMPUSER_2020
#endif
#include <rump/rumpuser.h>
#include <rump/rumpuser_component.h>
#include <rump/netbsd_errno.h>

/* Case flags. */
#define RC_F_NOBOOT	0x01	/* the body calls rumpuser_init itself */
#define RC_F_SLOW	0x02	/* needs the long timeout */
#define RC_F_NOCHECK	0x04	/* the body inspects mock violations itself */

struct rc_case {
	const char *name;	/* unique within the suite */
	const char *ids;	/* catalog IDs checked, space separated */
	const char *descr;	/* one sentence */
	void (*body)(void);
	unsigned flags;
};

struct rc_area {
	const char *name;
	const struct rc_case *const *cases;	/* NULL-terminated */
};

/*
 * RC_CASE(name, ids, descr) { body }
 * defines the body and a case descriptor rc_case_<name>.
 */
#define RC_CASE_F(n, ids_, descr_, flags_)				\
	static void n##_body(void);					\
	static const struct rc_case rc_case_##n = {			\
		#n, ids_, descr_, n##_body, flags_ };			\
	static void n##_body(void)
#define RC_CASE(n, ids_, descr_) RC_CASE_F(n, ids_, descr_, 0)
#define RC_REF(n) (&rc_case_##n)

/* Record a failure against a catalog ID; safe from any thread. */
void rc_fail(const char *id, const char *file, int line, const char *fmt, ...)
    __attribute__((__format__(__printf__, 4, 5)));
/* Record that an assertion naming id was evaluated (and held); returns 1. */
int rc_checked(const char *id);
/* Nonzero once anything failed in this case. */
int rc_failed(void);
/* Mark the case skipped, with the reason a user can act on. */
void rc_skip(const char *reason);
int rc_skipped(void);
/* Informational output, shown with the case's result. */
void rc_note(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));

/* Fatal assertion: fail and leave the body. */
#define RC_ASSERT(id, cond, ...) do {					\
	if (!(cond)) {							\
		rc_fail(id, __FILE__, __LINE__, __VA_ARGS__);		\
		return;							\
	}								\
	rc_checked(id);							\
} while (0)
/* Fatal comparison of two integers, printing both. */
#define RC_ASSERT_EQ(id, a, b, what) do {				\
	long long rc_a_ = (long long)(a), rc_b_ = (long long)(b);	\
	if (rc_a_ != rc_b_) {						\
		rc_fail(id, __FILE__, __LINE__, "%s: got %lld, want %lld", \
		    what, rc_a_, rc_b_);				\
		return;							\
	}								\
	rc_checked(id);							\
} while (0)
/*
 * Fatal: what ran since t0 (an rch_mono_ns() reading) came back within ms:
 * for rules that a call "works" (no crash: the case would have died; no
 * deadlock or hang: this bound).
 */
#define RC_ASSERT_PROMPT(id, t0, ms, what) do {				\
	uint64_t rc_ms_ = (rch_mono_ns() - (t0)) / 1000000u;		\
	RC_ASSERT(id, rc_ms_ < (ms), "%s took %llu ms: it must come back "	\
	    "promptly (limit %u ms)", what, (unsigned long long)rc_ms_, (unsigned)(ms)); \
} while (0)
/* Non-fatal check, usable in workers and helpers; evaluates to cond. */
#define RC_EXPECT(id, cond, ...)					\
	((cond) ? rc_checked(id) : (rc_fail(id, __FILE__, __LINE__, __VA_ARGS__), 0))
/* Leave the body if a helper or worker already failed. */
#define RC_BAIL() do { if (rc_failed()) return; } while (0)
#define RC_SKIP(reason) do { rc_skip(reason); return; } while (0)

/*
 * Hypervisor threads that behave like rump kernel threads: the new thread
 * gets a mock lwp and a virtual CPU before fn runs, and gives both back
 * after.  rc_spawn returns NULL (after recording a failure) when the
 * hypervisor cannot create the thread.
 */
struct rc_thread;
struct rc_thread *rc_spawn(void (*fn)(void *), void *arg, const char *name);
void rc_join(struct rc_thread *);

/* Sleep on the hypervisor's clock, giving the CPU away as the kernel would. */
void rc_sleep_ms(unsigned ms);
/* Spin (yielding) until *flag becomes nonzero or ms pass; returns *flag. */
int rc_wait_flag(volatile int *flag, unsigned ms);

/*
 * A one-shot gate for handshakes with any hypervisor thread, including raw
 * ones (rumpuser_thread_create, no lwp, no CPU): built only on a SPIN
 * mutex and the _nowrap calls, which need neither.  A waiter that holds a
 * CPU keeps it.  The wait is unbounded: open the gate on every path.
 */
struct rc_gate {
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	int open;		/* under mtx */
};
void rc_gate_init(struct rc_gate *);
void rc_gate_open(struct rc_gate *);
void rc_gate_wait(struct rc_gate *);
void rc_gate_destroy(struct rc_gate *);

/* Atomic helpers for bodies (compiler builtins, available everywhere). */
#define rc_load(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define rc_store(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define rc_inc(p) __atomic_add_fetch((p), 1, __ATOMIC_SEQ_CST)

/* Small libc-free helpers. */
void rc_memset(void *, int, size_t);
int rc_memcmp(const void *, const void *, size_t);
size_t rc_strlen(const char *);
int rc_strcmp(const char *, const char *);
int rc_snprintf(char *, size_t, const char *, ...)
    __attribute__((__format__(__printf__, 3, 4)));
int rc_vsnprintf(char *, size_t, const char *, va_list);
/* Deterministic pseudo-random numbers (xorshift), per caller state. */
uint64_t rc_rand(uint64_t *state);

#endif /* RC_TEST_H */
