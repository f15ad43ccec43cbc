/*
 * rc_run.c -- failure bookkeeping, kernel-like threads and the case runner.
 * Shared by every environment; needs only rc_host.h.
 */
#include "mockkern.h"
#include "rc_run.h"

static int rc_nfail;
static int rc_skipflag;
static int rc_lock;
static char rc_reason[1024];
static size_t rc_reasonlen;

static void
reason_lock(void)
{
	while (__atomic_exchange_n(&rc_lock, 1, __ATOMIC_ACQUIRE))
		rch_yield();
}

static void
reason_unlock(void)
{
	__atomic_store_n(&rc_lock, 0, __ATOMIC_RELEASE);
}

/* Append "[ID] text" to the reason; the first few failures are kept. */
static void
reason_add(const char *id, const char *where, const char *text)
{
	int n;

	if (rc_reasonlen >= sizeof(rc_reason) - 1)
		return;
	n = rc_snprintf(rc_reason + rc_reasonlen, sizeof(rc_reason) - rc_reasonlen,
	    "%s[%s] %s%s", rc_reasonlen > 0 ? "; " : "", id, where, text);
	if (n > 0)
		rc_reasonlen += (size_t)n;
	if (rc_reasonlen > sizeof(rc_reason) - 1)
		rc_reasonlen = sizeof(rc_reason) - 1;
}

static const char *
basename_of(const char *path)
{
	const char *b = path;

	for (; *path != '\0'; path++)
		if (*path == '/')
			b = path + 1;
	return b;
}

void
rc_fail(const char *id, const char *file, int line, const char *fmt, ...)
{
	char text[400], where[80];
	va_list ap;

	va_start(ap, fmt);
	rc_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	rc_snprintf(where, sizeof(where), "%s:%d: ", basename_of(file), line);
	reason_lock();
	rc_nfail++;
	reason_add(id, where, text);
	reason_unlock();
}

int
rc_failed(void)
{
	return __atomic_load_n(&rc_nfail, __ATOMIC_ACQUIRE) != 0;
}

void
rc_skip(const char *reason)
{
	reason_lock();
	if (!rc_skipflag && rc_nfail == 0) {
		rc_skipflag = 1;
		rc_snprintf(rc_reason, sizeof(rc_reason), "%s", reason);
	}
	reason_unlock();
}

int
rc_skipped(void)
{
	return __atomic_load_n(&rc_skipflag, __ATOMIC_ACQUIRE);
}

void
rc_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rch_vprintf(fmt, ap);
	va_end(ap);
}

struct rc_thread {
	void (*fn)(void *);
	void *arg;
	struct lwp *l;
	void *cookie;
};

/* Like a kernel thread: bind the lwp its creator made, take a CPU, run. */
static void *
rc_trampoline(void *a)
{
	struct rc_thread *t = a;

	mk_enter(t->l);
	t->fn(t->arg);
	mk_leave();
	rumpuser_thread_exit();
}

struct rc_thread *
rc_spawn(void (*fn)(void *), void *arg, const char *name)
{
	struct rc_thread *t = rch_alloc(sizeof(*t));
	int error;

	if (t == NULL)
		rch_abort_case("out of memory for a thread");
	t->fn = fn;
	t->arg = arg;
	t->l = mk_lwp_create();
	t->cookie = NULL;
	error = rumpuser_thread_create(rc_trampoline, t, name, 1, -1, -1, &t->cookie);
	if (error != 0) {
		rc_fail("THR-001", __FILE__, __LINE__,
		    "rumpuser_thread_create(%s) failed with %d", name, error);
		mk_lwp_destroy(t->l);
		rch_free(t);
		return NULL;
	}
	return t;
}

void
rc_join(struct rc_thread *t)
{
	int error;

	if (t == NULL)
		return;
	error = rumpuser_thread_join(t->cookie);
	if (error != 0) {
		/* The thread may still run: leak it rather than free under it. */
		rc_fail("THR-002", __FILE__, __LINE__, "rumpuser_thread_join failed with %d", error);
		return;
	}
	mk_lwp_destroy(t->l);
	rch_free(t);
}

void
rc_sleep_ms(unsigned ms)
{
	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, ms / 1000,
	    (long)(ms % 1000) * 1000000L);
}

int
rc_wait_flag(volatile int *flag, unsigned ms)
{
	uint64_t end = rch_mono_ns() + (uint64_t)ms * 1000000u;

	while (!rc_load(flag) && rch_mono_ns() < end)
		rc_sleep_ms(1);
	return rc_load(flag);
}

void
rc_gate_init(struct rc_gate *g)
{
	g->mtx = NULL;
	g->cv = NULL;
	g->open = 0;
	rumpuser_mutex_init(&g->mtx, RUMPUSER_MTX_SPIN);
	rumpuser_cv_init(&g->cv);
	if (g->mtx == NULL || g->cv == NULL)
		rch_abort_case("mutex_init or cv_init gave NULL for a gate");
}

void
rc_gate_open(struct rc_gate *g)
{
	rumpuser_mutex_enter_nowrap(g->mtx);
	g->open = 1;
	rumpuser_cv_broadcast(g->cv);
	rumpuser_mutex_exit(g->mtx);
}

void
rc_gate_wait(struct rc_gate *g)
{
	rumpuser_mutex_enter_nowrap(g->mtx);
	while (!g->open)
		rumpuser_cv_wait_nowrap(g->cv, g->mtx);
	rumpuser_mutex_exit(g->mtx);
}

void
rc_gate_destroy(struct rc_gate *g)
{
	rumpuser_cv_destroy(g->cv);
	rumpuser_mutex_destroy(g->mtx);
}

const struct rc_case *
rc_find_case(const struct rc_area *const *areas, const char *name)
{
	const struct rc_case *const *c;

	for (; *areas != NULL; areas++)
		for (c = (*areas)->cases; *c != NULL; c++)
			if (rc_strcmp((*c)->name, name) == 0)
				return *c;
	return NULL;
}

static struct lwp *
boot(void)
{
	struct lwp *l;
	int error = mk_boot(RUMPUSER_VERSION);

	if (error != 0) {
		rc_fail("INI-001", __FILE__, __LINE__,
		    "rumpuser_init(%d) returned %d", RUMPUSER_VERSION, error);
		return NULL;
	}
	l = mk_lwp_create();
	mk_enter(l);
	return l;
}

/* Every violation the mock kernel saw fails the case under its own ID. */
static void
collect_violations(void)
{
	const char *id, *text;
	int i, n = mk_nviolations();

	for (i = 0; i < n; i++) {
		text = mk_violation_at(i, &id);
		reason_lock();
		rc_nfail++;
		reason_add(id, "mock kernel: ", text);
		reason_unlock();
	}
}

void
rc_run_case(const struct rc_case *c, struct rc_result *res)
{
	struct lwp *l = NULL;

	if (!(c->flags & RC_F_NOBOOT))
		l = boot();
	if (!rc_failed())
		c->body();
	if (l != NULL && mk_curlwp() == l) {
		mk_leave();
		mk_lwp_destroy(l);
	}
	if (!(c->flags & RC_F_NOCHECK))
		collect_violations();
	reason_lock();
	res->status = rc_nfail > 0 ? RC_RES_FAIL : rc_skipflag ? RC_RES_SKIP : RC_RES_PASS;
	rc_snprintf(res->reason, sizeof(res->reason), "%s", rc_reason);
	reason_unlock();
}

void
rc_unimplemented(const char *hypercall)
{
	reason_lock();
	rc_nfail++;
	reason_add("IMPL", "", "not implemented by the target: ");
	if (rc_reasonlen < sizeof(rc_reason) - 1)
		rc_reasonlen += (size_t)rc_snprintf(rc_reason + rc_reasonlen,
		    sizeof(rc_reason) - rc_reasonlen, "%s", hypercall);
	if (rc_reasonlen > sizeof(rc_reason) - 1)
		rc_reasonlen = sizeof(rc_reason) - 1;
	reason_unlock();
	rch_abort_case(rc_reason);
}

void
rc_reset(void)
{
	reason_lock();
	rc_nfail = 0;
	rc_skipflag = 0;
	rc_reason[0] = '\0';
	rc_reasonlen = 0;
	reason_unlock();
	mk_reset();
}

const char *
rc_reason_now(void)
{
	return rc_reason;
}
