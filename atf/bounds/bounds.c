/*
 * bounds.c -- boundary values of the hypercalls' numeric parameters.
 *
 * The values are data (bounds.def): each case here runs every row that
 * names it and reports a failure with the value and why it matters.
 * Durations straddle every unit (ns, us, ms, s) and the overflow edges of
 * 32-bit ms, ns and s counters; sizes and alignments straddle the page;
 * CPU indexes straddle the CPU count; offsets straddle 2^31 and 2^32.
 * Sleeps that cannot end in bounded time are checked for not ending
 * early; such sleepers are left behind (their state is static).
 */
#include "mockkern.h"
#include "../file/iohelp.h"

#define NS_PER_MS	1000000LL
#define NS_PER_SEC	1000000000LL
#define PAGE		4096	/* as mem.c: a common page size */
#define PAGE_SHIFT	12
#define HANG_MS		2000	/* a short sleep still going after this hangs */
#define EARLY_MS	300	/* a long sleep must not end within this */
#define LONG_WATCH_MS	1200	/* long timed waits are signalled after this: over
				   a second, so a deadline left in this second passes */
#define BUSY_PCT	3	/* the host CPU a blocked wait may use, percent (no spinner) */
#define SPIN_SHARE	50	/* or 1/SPIN_SHARE of what a spinning host thread got */
#define SLEEPER_NS	1000000	/* under this, CPU use is a sleeper's at any load */
#define PAST_MS		500	/* a past deadline returns within this */
#define ALIGN_AHEAD_MS	5	/* short ABSMONO deadlines start this far ahead */
#define MAX_ROWS	32	/* rows one case runs at once */
#define SPAN_MAX	((int64_t)0x7fffffffffffffffLL)	/* no INT64_MAX in the kernel */

enum bound_kind {
	RC_BK_NS, RC_BK_SEC, RC_BK_SECMAX, RC_BK_ABS, RC_BK_PAST, RC_BK_TOP, RC_BK_VAL,
	RC_BK_PAGE, RC_BK_PAGES, RC_BK_NCPU, RC_BK_BIT, RC_BK_END
};

struct bound {
	const char *call, *param;
	enum bound_kind kind;
	int64_t value;
	const char *cs, *why;
};

static const struct bound table[] = {
#define RC_BOUND(c, p, k, v, cs, w) { #c, #p, RC_BK_##k, (int64_t)(v), #cs, w },
#include "bounds.def"
#undef RC_BOUND
};
#define NROWS	(sizeof(table) / sizeof(table[0]))

/* The rows of case cs (and, if param is not NULL, of that parameter). */
static int
rows_of(const char *cs, const char *param, const struct bound **rows)
{
	size_t i;
	int n = 0;

	for (i = 0; i < NROWS && n < MAX_ROWS; i++)
		if (rc_strcmp(table[i].cs, cs) == 0 &&
		    (param == NULL || rc_strcmp(table[i].param, param) == 0))
			rows[n++] = &table[i];
	return n;
}

/* A row's value as the argument: sizes relative to the page, etc. */
static int64_t
bound_arg(const struct bound *b, int64_t base)
{
	switch (b->kind) {
	case RC_BK_PAGE:
		return PAGE + b->value;
	case RC_BK_PAGES:
		return PAGE * b->value;
	case RC_BK_BIT:
		return PAGE_SHIFT + b->value;
	case RC_BK_NCPU:
	case RC_BK_END:
		return base + b->value;
	default:
		return b->value;
	}
}

struct span {
	int64_t sec, nsec;
};

/* A duration row as (sec, nsec). */
static struct span
bound_span(const struct bound *b)
{
	struct span s = { b->value, 0 };

	if (b->kind == RC_BK_NS || b->kind == RC_BK_ABS) {
		s.sec = b->value / NS_PER_SEC;
		s.nsec = b->value % NS_PER_SEC;
	} else if (b->kind == RC_BK_SECMAX)
		s.nsec = NS_PER_SEC - 1;
	return s;
}

/* The span in ns, saturating at SPAN_MAX. */
static int64_t
span_ns(struct span s)
{
	if (s.sec >= SPAN_MAX / NS_PER_SEC - 1)
		return SPAN_MAX;
	return s.sec * NS_PER_SEC + s.nsec;
}

static int64_t
absmono_ns(void)
{
	int64_t sec = 0;
	long nsec = 0;

	if (rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec) != 0)
		return -1;
	return sec * NS_PER_SEC + nsec;
}

/*
 * A relative span as an ABSMONO deadline, saturating: from now, or (short)
 * from a whole millisecond a little ahead, so that a deadline rounded
 * down to milliseconds is early by the whole sub-millisecond part.
 */
static struct span
deadline_in(struct span rel, int short_)
{
	int64_t now = absmono_ns(), ns = span_ns(rel);
	struct span d = rel;

	if (short_)
		now = (now / NS_PER_MS + 1) * NS_PER_MS + ALIGN_AHEAD_MS * NS_PER_MS;

	if (ns == SPAN_MAX)
		return d;	/* seconds rows: as far as it goes */
	if (ns > SPAN_MAX - now)
		ns = SPAN_MAX - now;
	d.sec = (now + ns) / NS_PER_SEC;
	d.nsec = (now + ns) % NS_PER_SEC;
	return d;
}

/*
 * Clock sleeps. Each row sleeps on a worker of its own, all at once; the
 * state is static because long sleepers outlive the case.
 */
struct sleeper {
	const struct bound *b;
	int clk;
	struct span arg;	/* what clock_sleep gets */
	int64_t want_ns;	/* the least it must last */
	int64_t deadline;	/* ABSMONO: the absolute deadline in ns */
	int rv;
	int64_t woke;		/* ABSMONO after the sleep */
	uint64_t took;		/* host ns */
	struct rc_thread *t;
	volatile int done;
};

/* [clock][long?][row]: each set outlives its case. */
static struct sleeper sleepers[2][2][MAX_ROWS];

static void
sleeper_fn(void *a)
{
	struct sleeper *s = a;
	uint64_t t0 = rch_mono_ns();

	s->rv = rumpuser_clock_sleep(s->clk, s->arg.sec, (long)s->arg.nsec);
	s->took = rch_mono_ns() - t0;
	s->woke = absmono_ns();
	rc_store(&s->done, 1);
}

static const char *
clock_name(int clk)
{
	return clk == RUMPUSER_CLOCK_RELWALL ? "RELWALL" : "ABSMONO";
}

/* One sleeper per row of cs: how many run, and the sum of their durations. */
static int
start_sleepers(const char *cs, int clk, int islong, int64_t *total_ns)
{
	const struct bound *rows[MAX_ROWS];
	struct sleeper *s;
	int i, n = rows_of(cs, NULL, rows);

	*total_ns = 0;
	for (i = 0; i < n; i++) {
		s = &sleepers[clk][islong][i];
		rc_memset(s, 0, sizeof(*s));
		s->b = rows[i];
		s->clk = clk;
		s->arg = bound_span(rows[i]);
		s->want_ns = span_ns(s->arg);
		if (clk == RUMPUSER_CLOCK_ABSMONO && rows[i]->kind == RC_BK_NS)
			s->arg = deadline_in(s->arg, !islong);
		s->deadline = span_ns(s->arg);
		if (!islong)
			*total_ns += s->want_ns;
		if ((s->t = rc_spawn(sleeper_fn, s, "rc_bound_sleeper")) == NULL)
			return i;
	}
	return n;
}

/* Wait until every sleeper of the set is done or ms of host time pass. */
static int
wait_sleepers(struct sleeper *set, int n, uint64_t ms)
{
	uint64_t end = rch_mono_ns() + ms * NS_PER_MS;
	int i, done;

	do {
		for (i = done = 0; i < n; i++)
			done += rc_load(&set[i].done);
		if (done == n)
			return 1;
		rc_sleep_ms(5);
	} while (rch_mono_ns() < end);
	return 0;
}

/* Short sleeps end, after at least the duration or at the deadline. */
static void
check_short_sleeps(const char *cs, int clk, const char *early_id)
{
	struct sleeper *set = sleepers[clk][0], *s;
	int64_t total;
	int i, n = start_sleepers(cs, clk, 0, &total);

	wait_sleepers(set, n, (uint64_t)(total / NS_PER_MS) + HANG_MS);
	for (i = 0; i < n; i++) {
		s = &set[i];
		if (!RC_EXPECT("CLK-151", rc_load(&s->done), "clock_sleep(%s, %lld, %lld) "
		    "had not returned %d ms after it should have: %s", clock_name(clk),
		    (long long)s->arg.sec, (long long)s->arg.nsec, HANG_MS, s->b->why))
			continue;	/* left asleep, never joined */
		rc_join(s->t);
		RC_EXPECT("CLK-012", s->rv == 0, "clock_sleep(%s, %lld, %lld) returned %d",
		    clock_name(clk), (long long)s->arg.sec, (long long)s->arg.nsec, s->rv);
		if (clk == RUMPUSER_CLOCK_RELWALL)
			RC_EXPECT(early_id, (int64_t)s->took >= s->want_ns,
			    "clock_sleep(RELWALL, %lld, %lld) returned after %llu ns, "
			    "short of the %lld ns asked: %s", (long long)s->arg.sec,
			    (long long)s->arg.nsec, (unsigned long long)s->took,
			    (long long)s->want_ns, s->b->why);
		else
			RC_EXPECT(early_id, s->woke >= s->deadline,
			    "clock_sleep(ABSMONO, %lld, %lld) woke at ABSMONO %lld, %lld ns "
			    "before its deadline (a whole ms ahead + %lld ns): %s", (long long)s->arg.sec,
			    (long long)s->arg.nsec, (long long)s->woke,
			    (long long)(s->deadline - s->woke), (long long)s->want_ns,
			    s->b->why);
	}
}

/* Long sleeps are all still asleep EARLY_MS later; they are left asleep. */
static void
check_long_sleeps(const char *cs, int clk, const char *id)
{
	struct sleeper *set = sleepers[clk][1], *s;
	int64_t unused;
	int i, n = start_sleepers(cs, clk, 1, &unused);

	wait_sleepers(set, n, EARLY_MS);
	for (i = 0; i < n; i++) {
		s = &set[i];
		RC_EXPECT(id, !rc_load(&s->done), "clock_sleep(%s, %lld, %lld) returned %d "
		    "after %llu ms instead of sleeping on: %s", clock_name(clk),
		    (long long)s->arg.sec, (long long)s->arg.nsec, s->rv,
		    (unsigned long long)(s->took / NS_PER_MS), s->b->why);
	}
}

/*
 * The rule against sleeps that never end comes first: the watchdog blames a
 * hang on the first cited, unchecked ID that names the blocked call.
 */
RC_CASE_F(bounds_relwall_sleep_short, "CLK-151 CLK-150 CLK-012",
    "RELWALL sleeps of 0, 1, 999, 1000, 1001, 999999 ns ... 1 s + 1 ns last at least that long and end (bounds.def)",
    RC_F_SLOW)
{
	check_short_sleeps("bounds_relwall_sleep_short", RUMPUSER_CLOCK_RELWALL, "CLK-150");
}

RC_CASE_F(bounds_absmono_sleep_short, "CLK-151 CLK-152 CLK-012",
    "ABSMONO sleeps to now + 1 ns ... 1 s + 1 ns wake at or after the deadline and end (bounds.def)",
    RC_F_SLOW)
{
	check_short_sleeps("bounds_absmono_sleep_short", RUMPUSER_CLOCK_ABSMONO, "CLK-152");
}

RC_CASE(bounds_relwall_sleep_long, "CLK-150",
    "RELWALL sleeps of 2^31-1 ms, 2^31 ms, 2^32 ms, 2^31 s, 2^32 s ... INT64_MAX s do not return early (bounds.def)")
{
	check_long_sleeps("bounds_relwall_sleep_long", RUMPUSER_CLOCK_RELWALL, "CLK-150");
}

RC_CASE(bounds_absmono_sleep_long, "CLK-152",
    "ABSMONO sleeps to now + 2^31 ms, 2^32 ms and to 2^31 s ... INT64_MAX s do not return early (bounds.def)")
{
	check_long_sleeps("bounds_absmono_sleep_long", RUMPUSER_CLOCK_ABSMONO, "CLK-152");
}

RC_CASE(bounds_absmono_sleep_past, "CLK-014 CLK-012",
    "ABSMONO sleeps to time 0, 0.999999999 s, 1 s, 1 ns ago, 1 ms ago and negative times return 0 at once (bounds.def)")
{
	static struct sleeper past;
	const struct bound *rows[MAX_ROWS];
	struct sleeper *s = &past;
	int i, n = rows_of("bounds_absmono_sleep_past", NULL, rows);
	int64_t at;

	for (i = 0; i < n && !rc_failed(); i++) {
		rc_memset(s, 0, sizeof(*s));
		s->b = rows[i];
		s->clk = RUMPUSER_CLOCK_ABSMONO;
		at = rows[i]->kind == RC_BK_PAST ? absmono_ns() - rows[i]->value : rows[i]->value;
		s->arg.sec = at / NS_PER_SEC;
		s->arg.nsec = at % NS_PER_SEC;
		if (s->arg.nsec < 0) {	/* before the epoch: nsec stays normalised */
			s->arg.nsec += NS_PER_SEC;
			s->arg.sec--;
		}
		if ((s->t = rc_spawn(sleeper_fn, s, "rc_bound_sleeper")) == NULL)
			return;
		wait_sleepers(s, 1, PAST_MS);
		RC_EXPECT("CLK-014", rc_load(&s->done), "clock_sleep(ABSMONO, %lld, %lld), "
		    "a time already past, had not returned after %d ms: %s",
		    (long long)s->arg.sec, (long long)s->arg.nsec, PAST_MS, rows[i]->why);
		RC_BAIL();
		rc_join(s->t);
		RC_EXPECT("CLK-012", s->rv == 0, "clock_sleep(ABSMONO, %lld, %lld) returned %d: %s",
		    (long long)s->arg.sec, (long long)s->arg.nsec, s->rv, rows[i]->why);
	}
}

/*
 * Timed waits, each on a cv and a KMUTEX interlock of its own.  A waiter
 * still waiting when the case gives up is woken with a broadcast.
 */
struct waiter {
	const struct bound *b;
	struct span arg;
	const char *from;	/* the TOP rows: the clock now was read on */
	struct rumpuser_mtx *m;
	struct rumpuser_cv *cv;
	int rv, rescued;
	uint64_t took;
	int64_t cpu_ns;		/* host CPU used in the wait; -1 unknown */
	const char *cpu_why;
	volatile int started, done;
};

static struct waiter waiters[MAX_ROWS];

static void
waiter_fn(void *a)
{
	struct waiter *w = a;
	uint64_t t0;

	int64_t c0;

	rumpuser_mutex_enter(w->m);
	rc_store(&w->started, 1);
	c0 = rch_thread_cpu_ns(&w->cpu_why);
	t0 = rch_mono_ns();
	w->rv = rumpuser_cv_timedwait(w->cv, w->m, w->arg.sec, w->arg.nsec);
	w->took = rch_mono_ns() - t0;
	w->cpu_ns = c0 < 0 ? -1 : rch_thread_cpu_ns(&w->cpu_why) - c0;
	rumpuser_mutex_exit(w->m);
	rc_store(&w->done, 1);
}

static struct rc_thread *
waiter_start(struct waiter *w, const struct bound *b, struct span arg, const char *from)
{
	rc_memset(w, 0, sizeof(*w));
	w->b = b;
	w->arg = arg;
	w->from = from;
	rumpuser_mutex_init(&w->m, RUMPUSER_MTX_KMUTEX);
	rumpuser_cv_init(&w->cv);
	return rc_spawn(waiter_fn, w, "rc_bound_waiter");
}

/* Wake w (marking it rescued unless signal) and join it. */
static void
waiter_end(struct waiter *w, struct rc_thread *t, int signal)
{
	rumpuser_mutex_enter(w->m);
	if (!rc_load(&w->done)) {
		w->rescued = !signal;
		rumpuser_cv_broadcast(w->cv);
	}
	rumpuser_mutex_exit(w->m);
	rc_join(t);
	rumpuser_cv_destroy(w->cv);
	rumpuser_mutex_destroy(w->m);
}

RC_CASE_F(bounds_cv_timedwait_short, "CV-151 CV-150 CV-003",
    "cv_timedwait of 1, 999, 1000, 1001, 999999 ns ... 1 s + 1 ns times out with ETIMEDOUT no earlier than that (bounds.def)",
    RC_F_SLOW)
{
	const struct bound *rows[MAX_ROWS];
	struct rc_thread *t[MAX_ROWS];
	struct waiter *w;
	int64_t total = 0;
	int i, done, n = rows_of("bounds_cv_timedwait_short", NULL, rows);
	uint64_t end;

	for (i = 0; i < n; i++) {
		t[i] = waiter_start(&waiters[i], rows[i], bound_span(rows[i]), "");
		total += span_ns(waiters[i].arg);
	}
	end = rch_mono_ns() + (uint64_t)total + HANG_MS * NS_PER_MS;
	do {
		for (i = done = 0; i < n; i++)
			done += rc_load(&waiters[i].done);
		rc_sleep_ms(5);
	} while (done < n && rch_mono_ns() < end);
	for (i = 0; i < n; i++) {
		w = &waiters[i];
		waiter_end(w, t[i], 0);
		if (!RC_EXPECT("CV-151", !w->rescued, "cv_timedwait(%lld s, %lld ns) had not "
		    "timed out %d ms after it should have: %s", (long long)w->arg.sec,
		    (long long)w->arg.nsec, HANG_MS, w->b->why))
			continue;
		RC_EXPECT("CV-003", w->rv == NB_ETIMEDOUT, "cv_timedwait(%lld s, %lld ns) "
		    "with no signal returned %d, not ETIMEDOUT (60)", (long long)w->arg.sec,
		    (long long)w->arg.nsec, w->rv);
		RC_EXPECT("CV-150", (int64_t)w->took >= span_ns(w->arg),
		    "cv_timedwait(%lld s, %lld ns) returned %d after %llu ns, before its "
		    "timeout: %s", (long long)w->arg.sec, (long long)w->arg.nsec, w->rv,
		    (unsigned long long)w->took, w->b->why);
	}
}

/* A TOP row's timeout: now on clk plus it lands value seconds from the top. */
static struct span
top_span(const struct bound *b, int clk)
{
	struct span s = { 0, NS_PER_SEC - 1 };
	int64_t now = 0;
	long nsec = 0;

	(void)rumpuser_clock_gettime(clk, &now, &nsec);
	if (now < 2)
		now = 2;	/* keeps SPAN_MAX - now + value in range */
	s.sec = SPAN_MAX - now + b->value;
	return s;
}

/* Start the waiters of the long rows, a TOP row once per clock; how many. */
static int
long_waiters_start(struct rc_thread **t)
{
	static const struct { int clk; const char *name; } clocks[] = {
		{ RUMPUSER_CLOCK_ABSMONO, " (now read on ABSMONO)" },
		{ RUMPUSER_CLOCK_RELWALL, " (now read on RELWALL)" },
	};
	const struct bound *rows[MAX_ROWS];
	int i, k, n = 0, nrows = rows_of("bounds_cv_timedwait_long", NULL, rows);

	for (i = 0; i < nrows && n < MAX_ROWS; i++) {
		if (rows[i]->kind != RC_BK_TOP) {
			if ((t[n] = waiter_start(&waiters[n], rows[i], bound_span(rows[i]),
			    "")) == NULL)
				return n;
			n++;
			continue;
		}
		for (k = 0; k < 2 && n < MAX_ROWS; k++) {
			if ((t[n] = waiter_start(&waiters[n], rows[i],
			    top_span(rows[i], clocks[k].clk), clocks[k].name)) == NULL)
				return n;
			n++;
		}
	}
	return n;
}

/* What a spinning host thread got over the watch: its CPU, and the wall time. */
struct spin_ref {
	int64_t		cpu_ns;		/* -1: no spinner here */
	int64_t		rest_ns;	/* the rest of the process (the waiters); -1: unknown */
	uint64_t	wall_ns;
};

/*
 * A wait that used cpu_ns of host CPU in took_ns spun: more than 1/SPIN_SHARE
 * of the CPU the spinner got in as long (the same load shares the CPUs out
 * to both), or, with no spinner, more than BUSY_PCT of the wall time.
 */
static int
wait_spun(int64_t cpu_ns, uint64_t took_ns, const struct spin_ref *ref)
{
	if (ref->cpu_ns < 0 || ref->wall_ns == 0)
		return cpu_ns * 100 > (int64_t)took_ns * BUSY_PCT;
	/* In microseconds, so that the products stay far from overflow. */
	return cpu_ns > SLEEPER_NS && cpu_ns / 1000 * SPIN_SHARE * (int64_t)(ref->wall_ns / 1000) >
	    ref->cpu_ns / 1000 * (int64_t)(took_ns / 1000);
}

/* Watch for LONG_WATCH_MS with the reference spinner running, where there is one. */
static void
long_watch(struct spin_ref *ref)
{
	const char *why, *no_proc;
	uint64_t t0 = rch_mono_ns();
	int64_t p0 = rch_process_cpu_ns(&no_proc), p1;
	int spinning = rch_spinner_start(&why) == 0;

	if (!spinning)
		rc_note("bounds: no reference spinner (%s): waits may use %d%% of a CPU\n", why,
		    BUSY_PCT);
	rc_sleep_ms(LONG_WATCH_MS);
	ref->cpu_ns = spinning ? rch_spinner_stop() : -1;
	ref->wall_ns = rch_mono_ns() - t0;
	p1 = rch_process_cpu_ns(&no_proc);
	ref->rest_ns = p0 < 0 || p1 < 0 || ref->cpu_ns < 0 ? -1 : p1 - p0 - ref->cpu_ns;
	if (ref->cpu_ns >= 0)
		rc_note("bounds: a spinning host thread got %lld ms of CPU in %llu ms\n",
		    (long long)(ref->cpu_ns / NS_PER_MS),
		    (unsigned long long)(ref->wall_ns / NS_PER_MS));
}

RC_CASE(bounds_cv_timedwait_long, "CV-150 CV-200",
    "cv_timedwait of 2^31 ms, 2^32 ms, 2^31 ns ... INT64_MAX s and to the top of the 64-bit seconds, all at once, neither ends nor spins in 1.2 s (under 1/50 of the CPU a spinning host thread gets meanwhile); signalled then, each returns 0 (bounds.def)")
{
	struct rc_thread *t[MAX_ROWS];
	struct waiter *w;
	struct spin_ref ref;
	const char *no_cpu = NULL;
	int i, judged = 0, n = long_waiters_start(t);

	for (i = 0; i < n; i++)
		rc_wait_flag(&waiters[i].started, HANG_MS);
	long_watch(&ref);
	/* Judged before the signals: a waiter that spins may never see one. */
	RC_EXPECT("CV-200", ref.rest_ns < 0 || !wait_spun(ref.rest_ns, ref.wall_ns, &ref),
	    "%d cv_timedwait calls with deadlines from 2^31 ms to the top of 64-bit seconds "
	    "used %lld ms of host CPU together in the %llu ms before they were signalled, while "
	    "a spinning host thread got %lld ms (want under 1/%d of it): at least one spins, "
	    "e.g. retrying a host wait that refuses an invalid deadline", n,
	    (long long)(ref.rest_ns / NS_PER_MS), (unsigned long long)(ref.wall_ns / NS_PER_MS),
	    (long long)(ref.cpu_ns / NS_PER_MS), SPIN_SHARE);
	for (i = 0; i < n; i++) {
		w = &waiters[i];
		/* The waiter holds m until it waits: the signal cannot be lost. */
		waiter_end(w, t[i], 1);
		RC_EXPECT("CV-150", w->rv == 0, "cv_timedwait(%lld s, %lld ns)%s returned %d "
		    "after %llu ms, before the signal %d ms after the call: the timeout expired "
		    "early (%s)", (long long)w->arg.sec, (long long)w->arg.nsec, w->from, w->rv,
		    (unsigned long long)(w->took / NS_PER_MS), LONG_WATCH_MS, w->b->why);
		if (w->rv != 0)
			continue;	/* it did not wait: its CPU use says nothing */
		if (w->cpu_ns < 0) {
			no_cpu = w->cpu_why;
			continue;
		}
		judged++;
		RC_EXPECT("CV-200", !wait_spun(w->cpu_ns, w->took, &ref),
		    "cv_timedwait(%lld s, %lld ns)%s used %lld ms of host CPU in %llu ms, while a "
		    "spinning host thread got %lld ms (want under 1/%d of it%s): it spins, e.g. "
		    "retrying a host wait that refuses an invalid deadline (%s)",
		    (long long)w->arg.sec, (long long)w->arg.nsec, w->from,
		    (long long)(w->cpu_ns / NS_PER_MS), (unsigned long long)(w->took / NS_PER_MS),
		    (long long)(ref.cpu_ns / NS_PER_MS), SPIN_SHARE,
		    ref.cpu_ns < 0 ? "; no spinner here: under 3% of the time" : "", w->b->why);
	}
	/* CV-150 was judged; whether a wait spins needs a thread's CPU time. */
	if (no_cpu != NULL && judged == 0 && !rc_failed())
		rc_skip(no_cpu);
}

/* Memory: every alignment with every size, written in full. */
static int
all_written(unsigned char *p, size_t len, unsigned seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(seed + i * 7);
	for (i = 0; i < len; i++)
		if (p[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

RC_CASE(bounds_malloc_alignments, "MEM-001 MEM-002",
    "malloc with alignments 0, 1, 2 ... a page ... 1 MiB and sizes 1, page-1, page, page+1: aligned, writable (bounds.def)")
{
	const struct bound *al[MAX_ROWS], *ln[MAX_ROWS];
	int na = rows_of("bounds_malloc_alignments", "alignment", al);
	int nl = rows_of("bounds_malloc_alignments", "len", ln);
	int i, j, error, align;
	size_t len, want;
	void *p;

	for (i = 0; i < na; i++) {
		align = (int)bound_arg(al[i], 0);
		want = align > 0 ? (size_t)align : sizeof(void *);
		for (j = 0; j < nl; j++) {
			len = (size_t)bound_arg(ln[j], 0);
			p = NULL;
			error = rumpuser_malloc(len, align, &p);
			if (!RC_EXPECT("MEM-001", error == 0 && p != NULL, "malloc(%zu, %d) "
			    "failed with %d: %s", len, align, error, al[i]->why))
				continue;
			RC_EXPECT(align > 0 ? "MEM-002" : "MEM-001", ((uintptr_t)p & (want - 1)) == 0,
			    "malloc(%zu, %d) gave %p, not %zu-byte aligned: %s", len, align, p,
			    want, al[i]->why);
			RC_EXPECT("MEM-001", all_written(p, len, (unsigned)(i + j)),
			    "malloc(%zu, %d) gave a block that does not hold %zu bytes", len,
			    align, len);
			rumpuser_free(p, len);
		}
	}
}

RC_CASE(bounds_anonmmap_alignbits, "MEM-010 MEM-011",
    "anonmmap with alignbit 0, page shift -1/0/+1, +4, +9 and sizes 1, page-1, page, page+1: aligned, writable (bounds.def)")
{
	const struct bound *ab[MAX_ROWS], *sz[MAX_ROWS];
	int na = rows_of("bounds_anonmmap_alignbits", "alignbit", ab);
	int ns = rows_of("bounds_anonmmap_alignbits", "size", sz);
	int i, j, error, bit;
	size_t size;
	void *p;

	for (i = 0; i < na; i++) {
		bit = (int)bound_arg(ab[i], 0);
		for (j = 0; j < ns; j++) {
			size = (size_t)bound_arg(sz[j], 0);
			p = NULL;
			error = rumpuser_anonmmap(NULL, size, bit, 0, &p);
			if (!RC_EXPECT("MEM-010", error == 0 && p != NULL, "anonmmap(%zu, "
			    "alignbit %d) failed with %d: %s", size, bit, error, ab[i]->why))
				continue;
			RC_EXPECT("MEM-011", ((uintptr_t)p & (((uintptr_t)1 << bit) - 1)) == 0,
			    "anonmmap(%zu, alignbit %d) gave %p: %s", size, bit, p, ab[i]->why);
			RC_EXPECT("MEM-010", all_written(p, size, (unsigned)(i + j)),
			    "anonmmap(%zu, alignbit %d) gave a mapping that does not hold %zu "
			    "bytes", size, bit, size);
			rumpuser_unmap(p, size);
		}
	}
}

#define NB_EINVAL	22
#define NB_ENOMEM	12

/*
 * One refused anonmmap: never 0 without an aligned mapping (MEM-550); the
 * error the host's mmap gives, want (0: none expected), per NetBSD's
 * librumpuser (MEM-551). A mapping it does give is unmapped.
 */
static void
anonmmap_refused(size_t size, int bit, int want, const char *why)
{
	void *p = NULL;
	int error = rumpuser_anonmmap(NULL, size, bit, 0, &p);
	int mapped = error == 0 && p != NULL && bit < (int)sizeof(void *) * 8 &&
	    ((uintptr_t)p & (((uintptr_t)1 << bit) - 1)) == 0;

	RC_EXPECT("MEM-550", error != 0 || mapped, "anonmmap(%zu, alignbit %d) "
	    "returned 0 with the mapping %p: %s", size, bit, p, why);
	if (mapped && size != 0)
		rumpuser_unmap(p, size);
	if (error != 0 && want != 0)
		RC_EXPECT("MEM-551", error == want, "anonmmap(%zu, alignbit %d) failed "
		    "with %d, not %d (%s): %s", size, bit, error, want,
		    want == NB_ENOMEM ? "ENOMEM" : "EINVAL", why);
}

RC_CASE(bounds_anonmmap_refused, "MEM-550 MEM-551",
    "anonmmap of sizes whose page rounding wraps or that no address space holds, and alignbit 63, 64, 65, 255: an error (ENOMEM, EINVAL), never 0 without a mapping (bounds.def)")
{
	const struct bound *ab[MAX_ROWS], *sz[MAX_ROWS];
	int na = rows_of("bounds_anonmmap_refused", "alignbit", ab);
	int ns = rows_of("bounds_anonmmap_refused", "size", sz);
	int i, bit;
	size_t size;

	for (i = 0; i < ns; i++) {
		/* A size wider than this host's size_t is not a size here. */
		if (bound_arg(sz[i], 0) > 0 &&
		    (uint64_t)bound_arg(sz[i], 0) > (uint64_t)(size_t)-1)
			continue;
		size = (size_t)bound_arg(sz[i], 0);
		anonmmap_refused(size, 12, size == 0 ? 0 : NB_ENOMEM, sz[i]->why);
	}
	/* Wider than an address: EINVAL; else larger than the address space. */
	for (i = 0; i < na; i++) {
		bit = (int)bound_arg(ab[i], 0);
		anonmmap_refused(4096, bit, bit >= (int)sizeof(void *) * 8 ?
		    NB_EINVAL : NB_ENOMEM, ab[i]->why);
	}
	/*
	 * Half the address space aligned to half of it: where a host maps that
	 * much (32 bits) size + alignment passes SIZE_MAX. The host's errno is
	 * cleared first, so that a failure reported from a stale one shows.
	 */
	rumpuser_seterrno(0);
	anonmmap_refused((size_t)-1 / 2 + 1, (int)sizeof(size_t) * 8 - 1, NB_ENOMEM,
	    "half the address space aligned to half of it: size + alignment wraps");
}

/* getparam into value + NUL + 1 bytes: the whole value, nothing beyond. */
static void
roomy_getparam(const char *name)
{
	static char full[512], buf[512];
	const struct bound *rows[MAX_ROWS];
	int i, n = rows_of("bounds_getparam_roomy", "buflen", rows), error;
	size_t len, room;

	if (!RC_EXPECT("PRM-006", rumpuser_getparam(name, full, sizeof(full)) == 0,
	    "getparam(%s) into %zu bytes failed", name, sizeof(full)))
		return;
	len = rc_strlen(full);
	for (i = 0; i < n; i++) {
		room = (size_t)bound_arg(rows[i], (int64_t)len + 1);
		rc_memset(buf, 0x5a, sizeof(buf));
		error = rumpuser_getparam(name, buf, room);
		RC_EXPECT("PRM-006", error == 0 && rc_strcmp(buf, full) == 0,
		    "getparam(%s) into %zu bytes returned %d, \"%.40s\": %s", name, room,
		    error, buf, rows[i]->why);
		RC_EXPECT("PRM-009", (unsigned char)buf[room] == 0x5a,
		    "getparam(%s) into %zu bytes wrote past them", name, room);
	}
}

RC_CASE(bounds_getparam_roomy, "PRM-006 PRM-009",
    "getparam of NCPU and HOSTNAME into value + NUL + 1 bytes gives the value and writes nothing beyond (bounds.def)")
{
	roomy_getparam(RUMPUSER_PARAM_NCPU);
	roomy_getparam(RUMPUSER_PARAM_HOSTNAME);
}

#define GUARD	16

RC_CASE(bounds_random_lengths, "RND-001 RND-003",
    "getrandom into 0, 1, 31, 32, 33, 256, 257, page, page+1 bytes: 0 < n <= len, nothing written outside (bounds.def)")
{
	static unsigned char buf[PAGE + 1 + 2 * GUARD];
	const struct bound *rows[MAX_ROWS];
	int i, k, error, n = rows_of("bounds_random_lengths", "buflen", rows);
	size_t len, got;

	for (i = 0; i < n; i++) {
		len = (size_t)bound_arg(rows[i], 0);
		rc_memset(buf, 0xa5, sizeof(buf));
		got = (size_t)-1;
		error = rumpuser_getrandom(buf + GUARD, len, 0, &got);
		if (len > 0)
			RC_EXPECT("RND-001", error == 0 && got > 0 && got <= len,
			    "getrandom(%zu bytes) returned %d with %zu bytes: %s", len, error,
			    got, rows[i]->why);
		else
			RC_EXPECT("RND-003", error != 0 || got == 0,
			    "getrandom(0 bytes) reported %zu bytes written", got);
		if (error != 0 || got > len)
			got = 0;
		for (k = 0; k < (int)sizeof(buf); k++)
			if ((k < GUARD || k >= GUARD + (int)len) && buf[k] != 0xa5)
				break;
		RC_EXPECT("RND-003", k == (int)sizeof(buf), "getrandom(%zu bytes) wrote "
		    "byte %d of the buffer (%s)", len, k - GUARD, rows[i]->why);
	}
}

/*
 * Threads at CPU indexes and priorities around the limits.  In range
 * they must run; out of range (>= NCPU, extreme priorities) they may be
 * refused but must not crash: run in a child where the host can isolate.
 */
static volatile int ran;

static void *
raw_thread(void *arg)
{
	rc_store(&ran, 1);
	rumpuser_thread_exit();
}

/* 0: created and ran; the hypervisor's error otherwise; -1: never ran. */
static int
create_at(int priority, int cpuidx)
{
	void *cookie = NULL;
	int error;

	rc_store(&ran, 0);
	error = rumpuser_thread_create(raw_thread, NULL, "rc_bound", 1, priority, cpuidx,
	    &cookie);
	if (error != 0)
		return error;
	if (rumpuser_thread_join(cookie) != 0 || !rc_load(&ran))
		return -1;
	return 0;
}

struct hint {
	int priority, cpuidx;
};

static void
create_in_child(void *a)
{
	struct hint *h = a;

	rch_exit_child(create_at(h->priority, h->cpuidx) == -1 ? 1 : 0);
}

static int
target_ncpu(void)
{
	char buf[32];
	int i, n = 0;

	if (rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf)) != 0)
		return 1;
	for (i = 0; buf[i] >= '0' && buf[i] <= '9'; i++)
		n = n * 10 + (buf[i] - '0');
	return n > 0 ? n : 1;
}

/* An out-of-range hint: refused or ignored, never a crash or a lost thread. */
static void
check_wild_hint(struct hint h, const char *why)
{
	const char *nowhy;
	int how, code;

	if (rch_isolated(create_in_child, &h, 10000, &how, &code, &nowhy) == -1) {
		code = create_at(h.priority, h.cpuidx);
		RC_EXPECT("THR-150", code != -1, "thread_create(priority %d, cpuidx %d) "
		    "returned 0 but the thread never ran: %s", h.priority, h.cpuidx, why);
		return;
	}
	RC_EXPECT("THR-150", how == RCH_EXITED && code == 0, "thread_create(priority %d, "
	    "cpuidx %d) %s %d: %s", h.priority, h.cpuidx, how == RCH_SIGNALED ?
	    "killed the process with signal" : "returned 0 but the thread never ran, status",
	    code, why);
}

RC_CASE(bounds_thread_cpuidx, "THR-009 THR-150",
    "thread_create with cpuidx -1, 0, NCPU-1 runs; NCPU, NCPU+1, INT_MAX and priorities INT_MIN/INT_MAX never crash (bounds.def)")
{
	const struct bound *rows[MAX_ROWS];
	int i, n = rows_of("bounds_thread_cpuidx", NULL, rows), ncpu = target_ncpu();
	struct hint h;
	int error;

	for (i = 0; i < n; i++) {
		h.priority = -1;
		h.cpuidx = -1;
		if (rc_strcmp(rows[i]->param, "priority") == 0)
			h.priority = (int)rows[i]->value;
		else
			h.cpuidx = (int)bound_arg(rows[i], ncpu);
		if (h.cpuidx < ncpu && h.priority == -1) {
			error = create_at(h.priority, h.cpuidx);
			RC_EXPECT("THR-009", error == 0, "thread_create(cpuidx %d of %d CPUs) "
			    "%s %d: %s", h.cpuidx, ncpu, error == -1 ? "ran no thread," :
			    "failed with", error, rows[i]->why);
		} else
			check_wild_hint(h, rows[i]->why);
	}
}

/* iov: counts up to IOV_MAX with empty elements, offsets past 2^31, 2^32. */
#define IOV_MAXCOUNT	1024
#define IOV_ELEM	3

static struct rumpuser_iovec iovs[IOV_MAXCOUNT];
static unsigned char iov_data[IOV_MAXCOUNT * IOV_ELEM], iov_back[IOV_MAXCOUNT * IOV_ELEM];

/* n iovecs over data, every fourth one empty; returns the total. */
static size_t
iov_build(unsigned char *data, int n)
{
	size_t total = 0;
	int i;

	for (i = 0; i < n; i++) {
		iovs[i].iov_base = data + total;
		iovs[i].iov_len = n > 1 && i % 4 == 1 ? 0 : IOV_ELEM;
		total += iovs[i].iov_len;
	}
	return total;
}

static int
bounds_scratch(const char *name, const char *id)
{
	char path[512];
	const char *why;
	int fd = -1, error;

	if (io_path(path, sizeof(path), name, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	error = rumpuser_open(path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_CREATE, &fd);
	if (!RC_EXPECT(id, error == 0, "rumpuser_open(%s) = %d", path, error))
		return -1;
	return fd;
}

RC_CASE(bounds_iov_counts, "IOV-150",
    "iovwrite then iovread of 1, 16, 17, 1023, 1024 iovecs (every fourth empty) move every byte in order (bounds.def)")
{
	const struct bound *rows[MAX_ROWS];
	int i, fd, error, n = rows_of("bounds_iov_counts", "iovlen", rows), cnt;
	size_t total, done;

	if ((fd = bounds_scratch("bounds-iov.dat", "IOV-150")) == -1)
		return;
	for (i = 0; i < n; i++) {
		cnt = (int)rows[i]->value;
		io_fill(iov_data, sizeof(iov_data), (uint64_t)cnt, (unsigned)i);
		total = iov_build(iov_data, cnt);
		done = 0;
		error = rumpuser_iovwrite(fd, iovs, (size_t)cnt, 0, &done);
		if (!RC_EXPECT("IOV-150", error == 0 && done == total, "iovwrite of %d "
		    "iovecs (%zu bytes) returned %d, %zu bytes: %s", cnt, total, error, done,
		    rows[i]->why))
			continue;
		rc_memset(iov_back, 0, sizeof(iov_back));
		iov_build(iov_back, cnt);
		done = 0;
		error = rumpuser_iovread(fd, iovs, (size_t)cnt, 0, &done);
		RC_EXPECT("IOV-150", error == 0 && done == total &&
		    rc_memcmp(iov_back, iov_data, total) == 0, "iovread of %d iovecs "
		    "(%zu bytes) returned %d, %zu bytes%s: %s", cnt, total, error, done,
		    rc_memcmp(iov_back, iov_data, total) != 0 ? ", other data" : "",
		    rows[i]->why);
	}
	rumpuser_close(fd);
}

/*
 * Files past 2 GiB: emscripten's in-memory file system holds each file in
 * one array and keeps offsets below 4 GiB (the node environment's LIMITATIONS.tsv).
 */
static int
huge_files_skipped(void)
{
#ifdef __EMSCRIPTEN__
	rc_skip("emscripten's in-memory file system cannot hold files past 2 GiB");
	return 1;
#else
	return 0;
#endif
}

/* The first row of rows[0..i] with rows[i]'s value. */
static int
first_with_value(const struct bound **rows, int i)
{
	int j;

	for (j = 0; j < i; j++)
		if (rows[j]->value == rows[i]->value)
			break;
	return j;
}

RC_CASE(bounds_iov_offsets, "IOV-001 IOV-002",
    "iovwrite of one distinct byte at offsets 0, 2^31-1, 2^31, 2^32-1, 2^32, then iovread there, finds each byte exactly there (bounds.def)")
{
	const struct bound *rows[MAX_ROWS];
	struct rumpuser_iovec iov;
	int i, fd, error, n = rows_of("bounds_iov_offsets", "off", rows);
	unsigned char byte;
	size_t done;

	if (huge_files_skipped() ||
	    (fd = bounds_scratch("bounds-far.dat", "IOV-001")) == -1)
		return;
	/* One byte each, so that neighbouring offsets do not overlap. */
	for (i = 0; i < n; i++) {
		byte = (unsigned char)(0x40 + first_with_value(rows, i));
		iov.iov_base = &byte;
		iov.iov_len = 1;
		error = rumpuser_iovwrite(fd, &iov, 1, rows[i]->value, &done);
		RC_EXPECT("IOV-001", error == 0 && done == 1, "iovwrite of 1 byte at %lld "
		    "returned %d, %zu bytes: %s", (long long)rows[i]->value, error, done,
		    rows[i]->why);
	}
	for (i = 0; i < n; i++) {
		byte = 0;
		iov.iov_base = &byte;
		iov.iov_len = 1;
		error = rumpuser_iovread(fd, &iov, 1, rows[i]->value, &done);
		RC_EXPECT("IOV-002", error == 0 && done == 1 &&
		    byte == 0x40 + first_with_value(rows, i), "iovread of the byte written "
		    "at %lld returned %d, %zu bytes, 0x%02x instead of 0x%02x: the offset "
		    "did not arrive whole (%s)", (long long)rows[i]->value, error, done,
		    byte, 0x40 + first_with_value(rows, i), rows[i]->why);
	}
	rumpuser_close(fd);
}

/* bio: one request, waited for. */
struct bio_wait {
	volatile int done;
	size_t bytes;
	int error;
};

static struct bio_wait bw;	/* static: a late biodone must find it */

static void
bio_waited(void *arg, size_t bytes, int error)
{
	struct bio_wait *w = arg;

	w->bytes = bytes;
	w->error = error;
	rc_store(&w->done, 1);
}

/* 0 when op moved all of len at off, else records a failure. */
static int
bio_once(int fd, int op, unsigned char *buf, size_t len, int64_t off, const char *why)
{
	rc_memset(&bw, 0, sizeof(bw));
	rumpuser_bio(fd, op, buf, len, off, bio_waited, &bw);
	if (!RC_EXPECT("BIO-004", rc_wait_flag(&bw.done, 10000), "bio(%s, %zu bytes at "
	    "%lld) never completed", op == RUMPUSER_BIO_READ ? "READ" : "WRITE", len,
	    (long long)off))
		return -1;
	return RC_EXPECT("BIO-004", bw.error == 0 && bw.bytes == len, "bio(%s, %zu bytes "
	    "at %lld) completed with error %d, %zu bytes: %s", op == RUMPUSER_BIO_READ ?
	    "READ" : "WRITE", len, (long long)off, bw.error, bw.bytes, why) ? 0 : -1;
}

#define BIO_MEDIUM	((1ull << 32) + 65536)

static void
bio_round_trip(int fd, size_t len, int64_t off, unsigned seed, const char *why)
{
	static unsigned char buf[65536];
	long bad;

	io_fill(buf, len, (uint64_t)off, seed);
	if (bio_once(fd, RUMPUSER_BIO_WRITE | RUMPUSER_BIO_SYNC, buf, len, off, why) != 0)
		return;
	rc_memset(buf, 0, len);
	if (bio_once(fd, RUMPUSER_BIO_READ, buf, len, off, why) != 0)
		return;
	bad = io_check(buf, len, (uint64_t)off, seed);
	RC_EXPECT("BIO-003", bad < 0, "bio of %zu bytes at %lld read back other data at "
	    "byte %ld: %s", len, (long long)off, bad, why);
}

RC_CASE(bounds_bio_edges, "BIO-004 BIO-003",
    "bio of 512 bytes and 64 KiB at offset 0, at the last block, at 2^31-512 and 2^32 of a sparse file round-trips (bounds.def)")
{
	const struct bound *off[MAX_ROWS], *len[MAX_ROWS];
	int no = rows_of("bounds_bio_edges", "off", off);
	int nl = rows_of("bounds_bio_edges", "dlen", len);
	struct io_medium m;
	const char *why;
	int i, fd = -1, error;
	size_t dlen;

	if (huge_files_skipped())
		return;
	if (io_medium_setup(&m, 0, BIO_MEDIUM, &why) == -1) {
		io_medium_teardown(&m);
		RC_SKIP(why);
	}
	error = rumpuser_open(m.path, RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO, &fd);
	if (!RC_EXPECT("BIO-004", error == 0, "rumpuser_open(%s, RDWR|BIO) = %d", m.path,
	    error))
		return;
	for (i = 0; i < no && !rc_failed(); i++)
		bio_round_trip(fd, 512, bound_arg(off[i], BIO_MEDIUM), (unsigned)i, off[i]->why);
	for (i = 0; i < nl && !rc_failed(); i++) {
		dlen = (size_t)len[i]->value;
		bio_round_trip(fd, dlen, 0, 100u + i, len[i]->why);
		bio_round_trip(fd, dlen, (int64_t)(BIO_MEDIUM - dlen), 200u + i, len[i]->why);
	}
	rumpuser_close(fd);
	io_medium_teardown(&m);
}

RC_CASE(bounds_fileinfo_sizes, "FIL-009",
    "getfileinfo reports the exact size of sparse files of 0, 2^31 and 2^32 + 1 bytes (bounds.def)")
{
	const struct bound *rows[MAX_ROWS];
	int i, type, error, n = rows_of("bounds_fileinfo_sizes", "size", rows);
	char path[512];
	const char *why;
	uint64_t size;

	if (huge_files_skipped())
		return;
	if (io_path(path, sizeof(path), "bounds-size.dat", &why) == -1)
		RC_SKIP(why);
	for (i = 0; i < n; i++) {
		if (rch_make_sparse(path, (uint64_t)rows[i]->value, &why) == -1)
			RC_SKIP(why);
		size = 0;
		type = -1;
		error = rumpuser_getfileinfo(path, &size, &type);
		RC_EXPECT("FIL-009", error == 0 && type == RUMPUSER_FT_REG &&
		    size == (uint64_t)rows[i]->value, "getfileinfo of a %lld-byte file: "
		    "error %d, type %d, size %llu: %s", (long long)rows[i]->value, error,
		    type, (unsigned long long)size, rows[i]->why);
	}
}

static const struct rc_case *const cases[] = {
	RC_REF(bounds_relwall_sleep_short), RC_REF(bounds_absmono_sleep_short),
	RC_REF(bounds_relwall_sleep_long), RC_REF(bounds_absmono_sleep_long),
	RC_REF(bounds_absmono_sleep_past), RC_REF(bounds_cv_timedwait_short),
	RC_REF(bounds_cv_timedwait_long), RC_REF(bounds_malloc_alignments),
	RC_REF(bounds_anonmmap_alignbits), RC_REF(bounds_anonmmap_refused),
	RC_REF(bounds_getparam_roomy),
	RC_REF(bounds_random_lengths), RC_REF(bounds_thread_cpuidx),
	RC_REF(bounds_iov_counts), RC_REF(bounds_iov_offsets),
	RC_REF(bounds_bio_edges), RC_REF(bounds_fileinfo_sizes), NULL
};
const struct rc_area rc_area_bounds = { "bounds", cases };
