/*
 * rc_run.c -- failure bookkeeping, per-ID verdicts, kernel-like threads
 * and the case runner. Shared by every environment; needs only rc_host.h.
 */
#include "mockkern.h"
#include "rc_run.h"

static struct rc_record rc_own_record;
static struct rc_record *rc_rec = &rc_own_record;

void
rc_use_record(struct rc_record *r)
{
	rc_rec = r != NULL ? r : &rc_own_record;
}

void
rc_private_record(void)
{
	if (rc_rec == &rc_own_record)
		return;
	rc_own_record = *rc_rec;
	rc_own_record.lock = 0;	/* its holder, if any, did not come along */
	rc_rec = &rc_own_record;
}

struct rc_record *
rc_record(void)
{
	return rc_rec;
}

static void
reason_lock(void)
{
	while (__atomic_exchange_n(&rc_rec->lock, 1, __ATOMIC_ACQUIRE))
		rch_yield();
}

static void
reason_unlock(void)
{
	__atomic_store_n(&rc_rec->lock, 0, __ATOMIC_RELEASE);
}

/* Append "[ID] text" to the reason; the first few failures are kept. */
static void
reason_add(const char *id, const char *where, const char *text)
{
	struct rc_record *r = rc_rec;
	int n;

	if (r->reasonlen >= sizeof(r->reason) - 1)
		return;
	n = rc_snprintf(r->reason + r->reasonlen, sizeof(r->reason) - r->reasonlen,
	    "%s[%s] %s%s", r->reasonlen > 0 ? "; " : "", id, where, text);
	if (n > 0)
		r->reasonlen += (size_t)n;
	if (r->reasonlen > sizeof(r->reason) - 1)
		r->reasonlen = sizeof(r->reason) - 1;
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

/* Catalog IDs look like ABC-123; harness tags (IMPL, ABORT) are not tracked. */
static int
is_catalog_id(const char *id)
{
	size_t n = rc_strlen(id);

	return n >= 5 && n < RC_IDLEN && id[n - 4] == '-';
}

/* The slot of id in the record, or -1. */
static int
id_slot(const char *id)
{
	struct rc_record *r = rc_rec;
	int i, n = __atomic_load_n(&r->nids, __ATOMIC_ACQUIRE);

	for (i = 0; i < n; i++)
		if (r->idkey[i] == id)
			return i;
	for (i = 0; i < n; i++) {
		if (rc_strcmp(r->ids[i], id) == 0) {
			r->idkey[i] = id;	/* the next lookup compares pointers */
			return i;
		}
	}
	return -1;
}

/* Add id (under the lock); returns its slot or -1 when the table is full. */
static int
id_add(const char *id, size_t len)
{
	struct rc_record *r = rc_rec;
	int i = r->nids;

	if (i >= RC_MAXIDS || len >= RC_IDLEN)
		return -1;
	rc_memset(r->ids[i], 0, RC_IDLEN);
	__builtin_memcpy(r->ids[i], id, len);
	__atomic_store_n(&r->nids, i + 1, __ATOMIC_RELEASE);
	return i;
}

int
rc_checked(const char *id)
{
	int i = id_slot(id);

	if (i >= 0 && !rc_rec->checked[i])
		rc_rec->checked[i] = 1;
	return 1;
}

/* Count a failure of id and say why (caller holds the lock). */
static void
fail_locked(const char *id, const char *where, const char *text)
{
	int i = id_slot(id);

	if (i < 0 && is_catalog_id(id))
		i = id_add(id, rc_strlen(id));
	if (i >= 0)
		rc_rec->failed[i] = 1;
	rc_rec->nfail++;
	reason_add(id, where, text);
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
	fail_locked(id, where, text);
	reason_unlock();
}

int
rc_failed(void)
{
	return __atomic_load_n(&rc_rec->nfail, __ATOMIC_ACQUIRE) != 0;
}

void
rc_skip(const char *reason)
{
	reason_lock();
	if (!rc_rec->skipflag && rc_rec->nfail == 0) {
		rc_rec->skipflag = 1;
		rc_snprintf(rc_rec->reason, sizeof(rc_rec->reason), "%s", reason);
		rc_rec->reasonlen = rc_strlen(rc_rec->reason);
	}
	reason_unlock();
}

int
rc_skipped(void)
{
	return __atomic_load_n(&rc_rec->skipflag, __ATOMIC_ACQUIRE);
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
	if (!RC_EXPECT("THR-001", error == 0,
	    "rumpuser_thread_create(%s) failed with %d", name, error)) {
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
	/* On failure the thread may still run: leak it rather than free under it. */
	if (!RC_EXPECT("THR-002", error == 0, "rumpuser_thread_join failed with %d", error))
		return;
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
		fail_locked(id, "mock kernel: ", text);
		reason_unlock();
	}
}

/* The case's own IDs come first in the record, in the order it cites them. */
void
rc_cite(const char *ids)
{
	size_t n;

	while (*ids != '\0') {
		while (*ids == ' ')
			ids++;
		for (n = 0; ids[n] != '\0' && ids[n] != ' '; n++)
			continue;
		if (n > 0)
			id_add(ids, n);
		ids += n;
	}
	rc_rec->ncited = rc_rec->nids;
}

/* Is id one of the words of list? */
static int
id_in(const char *id, const char *list)
{
	const char *p;
	size_t n = rc_strlen(id);

	for (p = list; *p != '\0'; p++)
		if ((p == list || p[-1] == ' ') && rc_memcmp(p, id, n) == 0 &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * The mock kernel and the shim check their IDs on every call: a body
 * that ran to the end without a violation has evaluated them.
 */
static void
credit_mock_checks(void)
{
	int i;

	if (rc_rec->nfail != 0 || mk_nviolations() != 0)
		return;
	for (i = 0; i < rc_rec->ncited; i++)
		if (id_in(rc_rec->ids[i], MK_VIOLATION_IDS))
			rc_rec->checked[i] = 1;
}

/*
 * A body that ran to the end without a failure but never evaluated an ID
 * it cites: the suite claims a check it does not make (caller holds the lock).
 */
static void
blame_unchecked(void)
{
	char text[200];
	int i;

	rc_rec->finished = 1;
	for (i = 0; i < rc_rec->ncited; i++) {
		if (rc_rec->checked[i])
			continue;
		rc_snprintf(text, sizeof(text), "the case cites %s but no assertion "
		    "naming it was evaluated: a defect of rumpcheck, not of the target",
		    rc_rec->ids[i]);
		fail_locked("SUITE", "", text);
	}
}

void
rc_run_case(const struct rc_case *c, struct rc_result *res)
{
	struct lwp *l = NULL;

	rc_cite(c->ids);
	if (!(c->flags & RC_F_NOBOOT))
		l = boot();
	if (!rc_failed())
		c->body();
	if (l != NULL && mk_curlwp() == l) {
		mk_leave();
		mk_lwp_destroy(l);
	}
	if (!(c->flags & RC_F_NOCHECK)) {
		collect_violations();
		credit_mock_checks();
	}
	reason_lock();
	if (rc_rec->nfail == 0 && !rc_rec->skipflag)
		blame_unchecked();
	res->status = rc_rec->nfail > 0 ? RC_RES_FAIL : rc_rec->skipflag ? RC_RES_SKIP : RC_RES_PASS;
	rc_snprintf(res->reason, sizeof(res->reason), "%s", rc_rec->reason);
	reason_unlock();
}

void
rc_stop(const char *id, const char *text)
{
	reason_lock();
	fail_locked(id, "", text);
	reason_unlock();
}

int
rc_ncalls(void)
{
	return 0
#define RC_HC(ret, name, params, args, cls) + 1
#define RC_HCV(name, params, args, cls) + 1
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
	    ;
}

int
rc_missing_calls(char *buf, size_t len)
{
	size_t off = 0;
	int n = 0;

	buf[0] = '\0';
#define RC_MISSING(name)						\
	if (rc_tgt.name == NULL) {					\
		n++;							\
		if (off < len)						\
			off += (size_t)rc_snprintf(buf + off, len - off, \
			    "%s" "rumpuser_" #name, off > 0 ? " " : "");	\
	}
#define RC_HC(ret, name, params, args, cls) RC_MISSING(name)
#define RC_HCV(name, params, args, cls) RC_MISSING(name)
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
#undef RC_MISSING
	return n;
}

/* An optional call of the 2020 form a pre-2020 hypervisor rightly lacks. */
static int
not_applicable(const char *hypercall)
{
	return rc_tgt_form == RC_FORM_PRE2020 &&
	    rc_strcmp(hypercall, "rumpuser_mutex_spin_p") == 0;
}

void
rc_unimplemented(const char *hypercall)
{
	static char all[600], text[700];	/* kernel stacks are small */

	reason_lock();
	rc_snprintf(rc_rec->unimpl, sizeof(rc_rec->unimpl), "%s", hypercall);
	if (!not_applicable(hypercall)) {
		rc_missing_calls(all, sizeof(all));
		rc_snprintf(text, sizeof(text), "%s (the library lacks: %s)", hypercall, all);
		fail_locked("IMPL", "not implemented by the target: ", text);
	}
	reason_unlock();
	if (not_applicable(hypercall)) {
		rc_snprintf(text, sizeof(text), "not applicable: needs %s, which only "
		    "the 2020 form of interface 17 has", hypercall);
		rc_skip(text);
	}
	rch_abort_case(rc_rec->reason);
}

void
rc_reset(void)
{
	struct rc_record *r = rc_rec;

	rc_memset(r, 0, sizeof(*r));
	r->crash_slot = -1;
	mk_reset();
}

const char *
rc_reason_now(void)
{
	return rc_rec->reason;
}

int
rc_flight_enter(const char *name, uint64_t deadline_ns, const void *stack)
{
	struct rc_flight *f;
	int i;

	for (i = 0; i < RC_MAXFLIGHT; i++) {
		f = &rc_rec->flight[i];
		if (__atomic_load_n(&f->busy, __ATOMIC_RELAXED) ||
		    __atomic_exchange_n(&f->busy, 1, __ATOMIC_ACQUIRE))
			continue;
		f->name = name;
		f->entry_ns = rch_mono_ns();
		f->deadline_ns = deadline_ns;
		f->stack = (uintptr_t)stack;
		return i;
	}
	return -1;
}

void
rc_flight_exit(int slot)
{
	if (slot >= 0)
		__atomic_store_n(&rc_rec->flight[slot].busy, 0, __ATOMIC_RELEASE);
}

/*
 * The call to blame for a stop: the one that crashed, else a timed call
 * furthest past its deadline, else the oldest (joins last: they wait for
 * the thread that is stuck).
 */
static struct rc_flight *
blamed_call(int crashed, uint64_t now)
{
	struct rc_flight *f, *best = NULL;
	int i, join, bestjoin = 1;

	if (crashed && rc_rec->crash_slot >= 0 && rc_rec->flight[rc_rec->crash_slot].busy)
		return &rc_rec->flight[rc_rec->crash_slot];
	for (i = 0; i < RC_MAXFLIGHT; i++) {
		f = &rc_rec->flight[i];
		if (!f->busy)
			continue;
		if (!crashed && f->deadline_ns != 0 && now > f->deadline_ns &&
		    (best == NULL || best->deadline_ns == 0 || f->deadline_ns < best->deadline_ns)) {
			best = f;
			bestjoin = 0;
			continue;
		}
		if (best != NULL && best->deadline_ns != 0 && now > best->deadline_ns)
			continue;
		join = rc_strcmp(f->name, "thread_join") == 0;
		/* A crash: the newest call; a hang: the oldest, joins last. */
		if (best == NULL || join < bestjoin ||
		    (join == bestjoin && (crashed ? f->entry_ns > best->entry_ns :
		    f->entry_ns < best->entry_ns))) {
			best = f;
			bestjoin = join;
		}
	}
	return best;
}

/*
 * The cited, unchecked IDs to fail for a stop in hypercall (may be NULL):
 * those whose catalog entry names the call (every one after a crash, which
 * breaks each rule about the call; the first after a hang), else the first
 * unchecked. Fills at most max slots; returns how many.
 */
static int
blamed_ids(const char *hypercall, int (*names_call)(const char *, const char *),
    int every, int *slot, int max)
{
	struct rc_record *r = rc_rec;
	int i, n = 0, first = -1;

	for (i = 0; i < r->ncited && n < max; i++) {
		if (r->checked[i] || r->failed[i])
			continue;
		if (first < 0)
			first = i;
		if (hypercall != NULL && names_call != NULL && names_call(r->ids[i], hypercall)) {
			slot[n++] = i;
			if (!every)
				break;
		}
	}
	if (n == 0 && (first >= 0 || r->ncited > 0))
		slot[n++] = first >= 0 ? first : 0;
	return n;
}

/* Seconds with one decimal, for messages (no floating point in kernels). */
static void
seconds(char *buf, size_t len, uint64_t ns)
{
	rc_snprintf(buf, len, "%llu.%llu s", (unsigned long long)(ns / 1000000000u),
	    (unsigned long long)(ns % 1000000000u / 100000000u));
}

void
rc_diagnose_stop(const char *how, int (*names_call)(const char *, const char *))
{
	uint64_t now = rch_mono_ns();
	struct rc_flight *f = blamed_call(how != NULL, now);
	static char old[sizeof(rc_rec->reason)];	/* kernel stacks are small */
	char call[64], what[200], t[32];
	int slot[RC_MAXIDS], n, i;

	if (f != NULL)
		rc_snprintf(call, sizeof(call), "rumpuser_%s", f->name);
	n = blamed_ids(f != NULL ? call : NULL, names_call, how != NULL, slot, RC_MAXIDS);
	if (how != NULL) {
		rc_snprintf(what, sizeof(what), "%s %s%s", how,
		    f != NULL ? "in " : "outside any hypercall", f != NULL ? call : "");
	} else if (f != NULL && f->deadline_ns != 0 && now > f->deadline_ns) {
		seconds(t, sizeof(t), now - f->deadline_ns);
		rc_snprintf(what, sizeof(what), "HANG: %s still blocked %s after its deadline",
		    call, t);
	} else if (f != NULL) {
		seconds(t, sizeof(t), now - f->entry_ns);
		rc_snprintf(what, sizeof(what), "HANG: %s entered %s ago and never returned",
		    call, t);
	} else {
		rc_snprintf(what, sizeof(what), "HANG: the case stopped making progress "
		    "outside any hypercall (a wait for something the target never did?)");
	}
	reason_lock();
	rc_snprintf(old, sizeof(old), "%s", rc_rec->reasonlen > 0 ? rc_rec->reason : "");
	rc_rec->reason[0] = '\0';
	rc_rec->reasonlen = 0;
	for (i = 0; i < n; i++)
		fail_locked(rc_rec->ids[slot[i]], "", what);
	if (n == 0)
		fail_locked("CASE", "", what);
	if (old[0] != '\0' && rc_rec->reasonlen < sizeof(rc_rec->reason) - 1)
		rc_snprintf(rc_rec->reason + rc_rec->reasonlen,
		    sizeof(rc_rec->reason) - rc_rec->reasonlen, "; %s", old);
	reason_unlock();
}

int
rc_flight_now(char *buf, size_t len)
{
	uint64_t now = rch_mono_ns();
	struct rc_flight *f = blamed_call(0, now);
	char t[32];

	if (f == NULL)
		return 0;
	seconds(t, sizeof(t), now - f->entry_ns);
	rc_snprintf(buf, len, "rumpuser_%s entered %s ago", f->name, t);
	return 1;
}

/* The verdict on the record's ID i, once the case has ended. */
static const char *
id_state(int i)
{
	struct rc_record *r = rc_rec;

	if (r->failed[i])
		return "fail";
	if (r->checked[i])
		return "pass";
	if (r->unimpl[0] != '\0')
		return not_applicable(r->unimpl) ? "notapplicable" : "notimpl";
	if (r->skipflag && r->nfail == 0)
		return "skipped";
	if (r->finished)
		return "unchecked";
	return "notreached";
}

int
rc_id_line(char *buf, size_t len)
{
	struct rc_record *r = rc_rec;
	size_t off;
	int i, unchecked = 0;

	off = (size_t)rc_snprintf(buf, len, "rumpcheck-ids:");
	for (i = 0; i < r->nids && off < len; i++) {
		unchecked += rc_strcmp(id_state(i), "unchecked") == 0;
		off += (size_t)rc_snprintf(buf + off, len - off, " %s=%s", r->ids[i], id_state(i));
	}
	return unchecked;
}
