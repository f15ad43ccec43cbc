/*
 * clock.c -- rumpuser_clock_gettime and rumpuser_clock_sleep.
 *
 * The hypervisor's clocks are judged against the host's own (rch_mono_ns,
 * rch_wall_ns), which never go through it. Sleeps run on a worker so a
 * sleep that never ends fails the case instead of hanging it. Lower
 * bounds are exact; upper bounds are generous for loaded machines.
 */
#include "mockkern.h"
#include "wallstep.h"

#define NS_PER_MS	1000000LL
#define NS_PER_SEC	1000000000LL
#define SLACK_NS	(500 * NS_PER_MS)	/* tolerated oversleep */
#define HANG_MS		3000			/* a sleep this long hangs */
#define READS		100000
#define READERS		4
#define SLEEPERS	8

/* Read clk as nanoseconds; -1 (and a failure) if the read fails. */
static int64_t
clock_ns(int clk)
{
	int64_t sec = -1;
	long nsec = -1;
	int error = rumpuser_clock_gettime(clk, &sec, &nsec);

	if (!RC_EXPECT("CLK-002", error == 0,
	    "rumpuser_clock_gettime(%d) failed with %d", clk, error))
		return -1;
	if (!RC_EXPECT("CLK-002", nsec >= 0 && nsec < NS_PER_SEC && sec >= 0,
	    "rumpuser_clock_gettime(%d) gave sec %lld nsec %ld", clk,
	    (long long)sec, nsec))
		return -1;
	return sec * NS_PER_SEC + nsec;
}

static int64_t
abs64(int64_t x)
{
	return x < 0 ? -x : x;
}

struct sleep_req {
	int clk;
	int64_t sec;		/* for ABSMONO with from_now: an offset */
	long nsec;
	int from_now;		/* ABSMONO deadline = now + (sec, nsec) */
	int rv;
	int64_t deadline;	/* ABSMONO ns, when from_now */
	int64_t woke;		/* ABSMONO ns after the sleep */
	uint64_t host_ns;	/* host time the call took */
	unsigned long unscheds;	/* backend_unschedule calls during it */
	volatile int done;
};

static void
sleeper(void *arg)
{
	struct sleep_req *r = arg;
	int64_t sec = r->sec, now;
	long nsec = r->nsec;
	unsigned long unsched0 = mk_unsched_count();
	uint64_t t0 = rch_mono_ns();

	if (r->from_now) {
		if ((now = clock_ns(RUMPUSER_CLOCK_ABSMONO)) < 0)
			goto out;
		r->deadline = now + r->sec * NS_PER_SEC + r->nsec;
		sec = r->deadline / NS_PER_SEC;
		nsec = (long)(r->deadline % NS_PER_SEC);
	}
	r->rv = rumpuser_clock_sleep(r->clk, sec, nsec);
	r->host_ns = rch_mono_ns() - t0;
	r->unscheds = mk_unsched_count() - unsched0;
	r->woke = clock_ns(RUMPUSER_CLOCK_ABSMONO);
 out:
	rc_store(&r->done, 1);
}

/* Sleep 1 ms on clk, giving the CPU away so the other threads run. */
static void
nap_on(int clk)
{
	int64_t now;

	if (clk == RUMPUSER_CLOCK_RELWALL) {
		rc_sleep_ms(1);
		return;
	}
	if ((now = clock_ns(RUMPUSER_CLOCK_ABSMONO)) < 0)
		return;
	now += NS_PER_MS;
	rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, now / NS_PER_SEC,
	    (long)(now % NS_PER_SEC));
}

/*
 * Wait for r's sleeper, at most HANG_MS of host time.  The waits use the
 * clock r does not test, so that a sleep which never returns fails here
 * instead of hanging the waiter too.
 */
static int
wait_sleeper(struct sleep_req *r)
{
	int other = r->clk == RUMPUSER_CLOCK_RELWALL ?
	    RUMPUSER_CLOCK_ABSMONO : RUMPUSER_CLOCK_RELWALL;
	uint64_t end = rch_mono_ns() + HANG_MS * NS_PER_MS;

	while (!rc_load(&r->done) && rch_mono_ns() < end)
		nap_on(other);
	return rc_load(&r->done);
}

/*
 * Sleep on a worker; 0 when it came back (rv and times in r), -1 after
 * recording a failure if it did not within HANG_MS. A hung worker is
 * left behind: it cannot be joined.
 */
static int
bounded_sleep(struct sleep_req *r, const char *id)
{
	struct rc_thread *t;

	r->done = 0;
	r->rv = -1;
	if ((t = rc_spawn(sleeper, r, "rc_sleeper")) == NULL)
		return -1;
	if (!wait_sleeper(r)) {
		rc_fail(id, __FILE__, __LINE__,
		    "clock_sleep(%d, %lld, %ld%s) still sleeps after %d ms",
		    r->clk, (long long)r->sec, r->nsec,
		    r->from_now ? " from now" : "", HANG_MS);
		return -1;
	}
	rc_join(t);
	return rc_failed() ? -1 : 0;
}

static void
relwall_sleep_case(int64_t sec, long nsec)
{
	struct sleep_req r = { .clk = RUMPUSER_CLOCK_RELWALL, .sec = sec,
	    .nsec = nsec };
	int64_t want = sec * NS_PER_SEC + nsec;

	if (bounded_sleep(&r, "CLK-010") != 0)
		return;
	RC_ASSERT_EQ("CLK-012", r.rv, 0, "clock_sleep(RELWALL) result");
	RC_ASSERT("CLK-010", (int64_t)r.host_ns >= want,
	    "a RELWALL sleep of %lld ns returned after %llu ns",
	    (long long)want, (unsigned long long)r.host_ns);
	RC_ASSERT("CLK-011", (int64_t)r.host_ns <= want + SLACK_NS,
	    "a RELWALL sleep of %lld ns took %llu ns", (long long)want,
	    (unsigned long long)r.host_ns);
}

RC_CASE(relwall_is_wall_clock, "CLK-001",
    "RELWALL gettime agrees with the host's wall clock within one second")
{
	int64_t t = clock_ns(RUMPUSER_CLOCK_RELWALL);
	int64_t host = (int64_t)rch_wall_ns();

	RC_BAIL();
	RC_ASSERT("CLK-001", abs64(t - host) < NS_PER_SEC,
	    "RELWALL is %lld ns away from the host's wall clock",
	    (long long)(t - host));
}

RC_CASE(gettime_nsec_range, "CLK-002",
    "both clocks return 0 with sec >= 0 and 0 <= nsec < 1e9 on every read")
{
	int i;

	for (i = 0; i < READS / 10 && !rc_failed(); i++) {
		clock_ns(RUMPUSER_CLOCK_RELWALL);
		clock_ns(RUMPUSER_CLOCK_ABSMONO);
	}
}

RC_CASE(absmono_never_decreases, "CLK-003",
    "100000 consecutive ABSMONO reads never go backwards")
{
	int64_t prev = clock_ns(RUMPUSER_CLOCK_ABSMONO), now;
	int i;

	for (i = 0; i < READS; i++) {
		now = clock_ns(RUMPUSER_CLOCK_ABSMONO);
		RC_BAIL();
		RC_ASSERT("CLK-003", now >= prev,
		    "ABSMONO went back by %lld ns at read %d",
		    (long long)(prev - now), i);
		prev = now;
	}
}

static int64_t shared_latest;

/* A read that follows another thread's read in time is not smaller. */
static void
monotonic_reader(void *arg)
{
	int64_t before, now;
	int i;

	(void)arg;
	for (i = 0; i < READS / READERS; i++) {
		before = rc_load(&shared_latest);
		if ((now = clock_ns(RUMPUSER_CLOCK_ABSMONO)) < 0)
			return;
		if (!RC_EXPECT("CLK-003", now >= before,
		    "ABSMONO read %lld ns earlier than another thread's "
		    "earlier read", (long long)(before - now)))
			return;
		while (before < now &&
		    !__atomic_compare_exchange_n(&shared_latest, &before, now,
		    0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			continue;
	}
}

RC_CASE(absmono_monotonic_across_threads, "CLK-003",
    "ABSMONO read on four threads at once never goes backwards between threads")
{
	struct rc_thread *t[READERS];
	int i;

	shared_latest = 0;
	for (i = 0; i < READERS; i++)
		t[i] = rc_spawn(monotonic_reader, NULL, "rc_reader");
	for (i = 0; i < READERS; i++)
		rc_join(t[i]);
}

/* How far clk advanced while the host's monotonic clock advanced 200 ms. */
static void
check_rate(int clk, const char *id)
{
	int64_t c0, c1, h0, h1, dc, dh;

	h0 = (int64_t)rch_mono_ns();
	c0 = clock_ns(clk);
	rch_sleep_ns(200 * NS_PER_MS);
	c1 = clock_ns(clk);
	h1 = (int64_t)rch_mono_ns();
	RC_BAIL();
	dc = c1 - c0;
	dh = h1 - h0;
	/* A slewed wall clock may run a little fast or slow. */
	RC_ASSERT(id, dc <= dh + dh / 100 + NS_PER_MS &&
	    dc >= dh - dh / 10 - 20 * NS_PER_MS,
	    "clock %d advanced %lld ns while the host's advanced %lld ns",
	    clk, (long long)dc, (long long)dh);
}

RC_CASE(absmono_rate, "CLK-004",
    "ABSMONO advances at the rate of the host's monotonic clock (200 ms)")
{
	check_rate(RUMPUSER_CLOCK_ABSMONO, "CLK-004");
}

RC_CASE(relwall_rate, "CLK-001",
    "RELWALL advances at real-time rate (200 ms against the host's monotonic clock)")
{
	check_rate(RUMPUSER_CLOCK_RELWALL, "CLK-001");
}

RC_CASE(absmono_is_not_wall, "CLK-005",
    "ABSMONO is a clock of its own, not the wall clock (they differ by over a minute)")
{
	int64_t mono = clock_ns(RUMPUSER_CLOCK_ABSMONO);
	int64_t wall = (int64_t)rch_wall_ns();

	RC_BAIL();
	RC_ASSERT("CLK-005", abs64(wall - mono) > 60 * NS_PER_SEC,
	    "ABSMONO (%lld ns) is within a minute of the wall clock (%lld ns)",
	    (long long)mono, (long long)wall);
}

static void
gettime_bad_clock(void *arg)
{
	int64_t sec;
	long nsec;

	rch_exit_child(rumpuser_clock_gettime(*(int *)arg, &sec, &nsec) == 0);
}

static void
sleep_bad_clock(void *arg)
{
	rch_exit_child(rumpuser_clock_sleep(*(int *)arg, 0, 1000) == 0);
}

/* fn(clk) in a child: exit 1 means the call returned 0 for a bad clock. */
static void
check_bad_clock(void (*fn)(void *), const char *what)
{
	static int bad[] = { 2, -1, 0x7fffffff };
	const char *why;
	int how, code;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rch_isolated(fn, &bad[i], 5000, &how, &code, &why) == -1)
			RC_SKIP(why);
		RC_ASSERT("CLK-006", how != RCH_RETURNED && !(how == RCH_EXITED &&
		    code != 0), "%s with clock %d returned 0", what, bad[i]);
		if (how == RCH_SIGNALED)
			rc_note("%s(%d) ended the process with signal %d\n", what,
			    bad[i], code);
	}
}

RC_CASE(gettime_bad_clock_refused, "CLK-006",
    "clock_gettime with an unknown clock never returns 0 (an error or termination)")
{
	check_bad_clock(gettime_bad_clock, "clock_gettime");
}

RC_CASE(sleep_bad_clock_refused, "CLK-006",
    "clock_sleep with an unknown clock never returns 0 (an error or termination)")
{
	check_bad_clock(sleep_bad_clock, "clock_sleep");
}

RC_CASE(relwall_sleep_10ms, "CLK-010 CLK-011 CLK-012",
    "a 10 ms RELWALL sleep returns 0 after at least 10 ms (host clock), not much later")
{
	relwall_sleep_case(0, 10 * NS_PER_MS);
}

RC_CASE(relwall_sleep_50ms, "CLK-010 CLK-011 CLK-012",
    "a 50 ms RELWALL sleep returns 0 after at least 50 ms (host clock), not much later")
{
	relwall_sleep_case(0, 50 * NS_PER_MS);
}

RC_CASE(relwall_sleep_seconds, "CLK-010 CLK-011 CLK-012",
    "a RELWALL sleep of 1 s + 100 ms honours the seconds and lasts at least 1.1 s")
{
	relwall_sleep_case(1, 100 * NS_PER_MS);
}

RC_CASE(relwall_sleep_zero, "CLK-011 CLK-012",
    "a RELWALL sleep of zero returns 0 promptly")
{
	relwall_sleep_case(0, 0);
}

/* A 200 ms sleep under a host signal every 50 ms for a whole second. */
#define PESTERED_NS	(200 * NS_PER_MS)
#define PESTER_EVERY_MS	50
#define PESTER_COUNT	20
#define NB_SIGUSR2	31

RC_CASE(relwall_sleep_signalled, "CLK-012 CLK-010 CLK-011",
    "a 200 ms RELWALL sleep hit by a host signal every 50 ms returns 0 after 200 ms, not early, not restarted")
{
	int sig = rch_host_signal(NB_SIGUSR2), before, hits, rv;
	const char *why = NULL;
	uint64_t t0, took;

	if (rch_catch_signal(sig, &why) == -1 ||
	    rch_signal_me_repeatedly(sig, PESTER_EVERY_MS, PESTER_COUNT, &why) == -1)
		RC_SKIP(why);
	before = rch_signal_count(sig);
	t0 = rch_mono_ns();
	rv = rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, PESTERED_NS);
	took = rch_mono_ns() - t0;
	hits = rch_signal_count(sig) - before;
	rch_signals_sent();
	if (hits == 0)
		RC_SKIP("no host signal reached the sleeping thread during its sleep");
	RC_ASSERT_EQ("CLK-012", rv, 0, "clock_sleep(RELWALL) hit by host signals");
	RC_ASSERT("CLK-010", (int64_t)took >= PESTERED_NS, "a RELWALL sleep of %lld ns hit "
	    "by %d host signals returned after %llu ns: an interrupted host sleep must "
	    "resume for the time left", (long long)PESTERED_NS, hits,
	    (unsigned long long)took);
	RC_ASSERT("CLK-011", (int64_t)took <= PESTERED_NS + SLACK_NS, "a RELWALL sleep of "
	    "%lld ns hit by %d host signals took %llu ns: each interruption restarts the "
	    "whole sleep instead of the time left", (long long)PESTERED_NS, hits,
	    (unsigned long long)took);
}

RC_CASE(absmono_sleep_until_deadline, "CLK-013 CLK-012",
    "an ABSMONO sleep until now + 30 ms wakes at or after the deadline, not much later")
{
	struct sleep_req r = { .clk = RUMPUSER_CLOCK_ABSMONO,
	    .nsec = 30 * NS_PER_MS, .from_now = 1 };

	if (bounded_sleep(&r, "CLK-013") != 0)
		return;
	RC_ASSERT_EQ("CLK-012", r.rv, 0, "clock_sleep(ABSMONO) result");
	RC_ASSERT("CLK-013", r.woke >= r.deadline,
	    "woke at ABSMONO %lld, %lld ns before the deadline",
	    (long long)r.woke, (long long)(r.deadline - r.woke));
	RC_ASSERT("CLK-013", r.host_ns >= 29 * NS_PER_MS,
	    "the sleep to a deadline 30 ms ahead took %llu ns of host time",
	    (unsigned long long)r.host_ns);
	RC_ASSERT("CLK-013", r.woke - r.deadline <= SLACK_NS,
	    "woke %lld ns after the deadline (treated as relative?)",
	    (long long)(r.woke - r.deadline));
}

RC_CASE(absmono_sleep_past_deadline, "CLK-014 CLK-012",
    "ABSMONO sleeps until 1 s ago, 1000 s ago and time 0 return 0 promptly")
{
	static const int64_t back[] = { NS_PER_SEC, 1000 * NS_PER_SEC, -1 };
	struct sleep_req r = { .clk = RUMPUSER_CLOCK_ABSMONO };
	int64_t now, when;
	size_t i;

	for (i = 0; i < sizeof(back) / sizeof(back[0]); i++) {
		if ((now = clock_ns(RUMPUSER_CLOCK_ABSMONO)) < 0)
			return;
		when = back[i] < 0 || back[i] > now ? 0 : now - back[i];
		r.sec = when / NS_PER_SEC;
		r.nsec = (long)(when % NS_PER_SEC);
		if (bounded_sleep(&r, "CLK-014") != 0)
			return;
		RC_ASSERT_EQ("CLK-012", r.rv, 0, "clock_sleep(ABSMONO, past)");
		RC_ASSERT("CLK-014", r.host_ns < 300 * NS_PER_MS,
		    "an ABSMONO sleep until %lld (now %lld) took %llu ns",
		    (long long)when, (long long)now,
		    (unsigned long long)r.host_ns);
	}
}

static void
check_sleep_unschedules(int clk)
{
	struct sleep_req r = { .clk = clk, .nsec = 5 * NS_PER_MS,
	    .from_now = clk == RUMPUSER_CLOCK_ABSMONO };

	if (bounded_sleep(&r, "CLK-013") != 0)
		return;
	RC_ASSERT_EQ("CLK-012", r.rv, 0, "clock_sleep result");
	RC_ASSERT("CLK-015", r.unscheds > 0,
	    "clock_sleep(%d) slept holding the virtual CPU", clk);
}

RC_CASE(sleep_releases_cpu, "CLK-015",
    "both clock sleeps release the virtual CPU (backend_unschedule) while they sleep")
{
	check_sleep_unschedules(RUMPUSER_CLOCK_RELWALL);
	check_sleep_unschedules(RUMPUSER_CLOCK_ABSMONO);
}

static void
concurrent_sleeper(void *arg)
{
	int rv = rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0,
	    100 * NS_PER_MS);

	(void)arg;
	RC_EXPECT("CLK-012", rv == 0, "clock_sleep returned %d", rv);
}

RC_CASE(sleeps_overlap, "CLK-016",
    "eight threads sleeping 100 ms at once all wake within 600 ms (sleeps do not serialise)")
{
	struct rc_thread *t[SLEEPERS];
	uint64_t t0 = rch_mono_ns(), took;
	int i;

	for (i = 0; i < SLEEPERS; i++)
		t[i] = rc_spawn(concurrent_sleeper, NULL, "rc_sleeper");
	for (i = 0; i < SLEEPERS; i++)
		rc_join(t[i]);
	took = rch_mono_ns() - t0;
	RC_ASSERT("CLK-016", took < 600 * NS_PER_MS,
	    "%d concurrent 100 ms sleeps took %llu ms", SLEEPERS,
	    (unsigned long long)(took / NS_PER_MS));
}

/* Host CPU a 300 ms sleep may use: 3% of it (as lockhelp.h's LH_BUSY_PCT). */
#define SLEEP_BUSY_PCT	3

static int64_t
sleep_cpu_ns(int clock, int64_t sec, long nsec, const char **why)
{
	int64_t c0 = rch_thread_cpu_ns(why);

	if (c0 < 0)
		return -1;
	RC_EXPECT("CLK-012", rumpuser_clock_sleep(clock, sec, nsec) == 0, "clock_sleep failed");
	return rch_thread_cpu_ns(why) - c0;
}

RC_CASE(sleeps_do_not_spin, "CLK-200",
    "300 ms sleeps on either clock use no more than 3% of a host CPU: they sleep, they do not poll")
{
	const char *why;
	int64_t sec, cpu;
	long nsec;

	if ((cpu = sleep_cpu_ns(RUMPUSER_CLOCK_RELWALL, 0, 300 * NS_PER_MS, &why)) < 0)
		RC_SKIP(why);
	RC_EXPECT("CLK-200", cpu * 100 <= 300 * NS_PER_MS * SLEEP_BUSY_PCT, "a 300 ms RELWALL "
	    "sleep used %lld ms of host CPU: it polls the clock instead of sleeping",
	    (long long)(cpu / NS_PER_MS));
	RC_ASSERT("CLK-012", rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec) == 0,
	    "clock_gettime(ABSMONO) failed");
	nsec += 300 * NS_PER_MS;
	sec += nsec / NS_PER_SEC;
	cpu = sleep_cpu_ns(RUMPUSER_CLOCK_ABSMONO, sec, nsec % NS_PER_SEC, &why);
	RC_EXPECT("CLK-200", cpu * 100 <= 300 * NS_PER_MS * SLEEP_BUSY_PCT, "a 300 ms ABSMONO "
	    "sleep used %lld ms of host CPU: it polls the clock instead of sleeping",
	    (long long)(cpu / NS_PER_MS));
}

/*
 * Relative and absolute sleeps while the wall clock the target reads steps
 * back 30 s and forward 4 s just before the sleep (wallstep.h), timed on
 * the host's monotonic clock. A sleep that reads the wall clock for its
 * deadline ends at once after the step back and lasts the step longer
 * after the step forward; the step back comes first, as the step forward
 * leaves such a sleeper behind.
 */
static int
stepped_sleep(struct sleep_req *r, int64_t step, const char *id)
{
	if (ws_step(step) == -1)
		return -1;
	r->sec = 0;
	r->nsec = WS_WAIT_NS;
	if (bounded_sleep(r, id) != 0)
		return -1;
	rc_note("clock_sleep(%s, 500 ms) after a wall clock step of %+lld s took %llu ms\n",
	    r->clk == RUMPUSER_CLOCK_RELWALL ? "RELWALL" : "ABSMONO",
	    (long long)(step / NS_PER_SEC),
	    (unsigned long long)(r->host_ns / NS_PER_MS));
	return 0;
}

static void
relwall_across_steps(void)
{
	struct sleep_req r = { .clk = RUMPUSER_CLOCK_RELWALL };

	if (stepped_sleep(&r, WS_BACK_NS, "CLK-101") != 0)
		return;
	RC_EXPECT("CLK-101", (int64_t)r.host_ns >= WS_WAIT_NS,
	    "a 500 ms RELWALL sleep after the wall clock stepped back 30 s took "
	    "%llu ms: the sleep waits for a wall-clock deadline; sleep on a "
	    "relative (nanosleep) or monotonic timer",
	    (unsigned long long)(r.host_ns / NS_PER_MS));
	if (stepped_sleep(&r, WS_FWD_NS, "CLK-102") != 0)
		return;
	RC_EXPECT("CLK-102", (int64_t)r.host_ns <= WS_WAIT_NS + WS_LATE_NS,
	    "a 500 ms RELWALL sleep after the wall clock stepped forward 4 s took "
	    "%llu ms: the sleep waits for a wall-clock deadline",
	    (unsigned long long)(r.host_ns / NS_PER_MS));
}

RC_CASE(relwall_sleep_wall_steps, "CLK-101 CLK-102",
    "a 500 ms RELWALL sleep lasts 500 ms of host monotonic time after the target's wall clock steps -30 s and +4 s")
{
	relwall_across_steps();
	ws_undo();
}

static void
absmono_across_steps(void)
{
	static const int64_t steps[] = { WS_BACK_NS, WS_FWD_NS };
	struct sleep_req r = { .clk = RUMPUSER_CLOCK_ABSMONO, .from_now = 1 };
	int64_t before, after;
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		before = clock_ns(RUMPUSER_CLOCK_ABSMONO);
		if (stepped_sleep(&r, steps[i], "CLK-103") != 0)
			return;
		after = r.deadline - WS_WAIT_NS;
		RC_EXPECT("CLK-003", after >= before,
		    "ABSMONO went back %lld ms when the wall clock stepped %+lld s: "
		    "ABSMONO is read from the wall clock", (long long)((before - after) / NS_PER_MS),
		    (long long)(steps[i] / NS_PER_SEC));
		RC_EXPECT("CLK-103", (int64_t)r.host_ns >= WS_WAIT_NS - NS_PER_MS &&
		    (int64_t)r.host_ns <= WS_WAIT_NS + WS_LATE_NS,
		    "an ABSMONO sleep until now + 500 ms took %llu ms after the wall "
		    "clock stepped %+lld s: the deadline is waited for on the wall clock",
		    (unsigned long long)(r.host_ns / NS_PER_MS), (long long)(steps[i] / NS_PER_SEC));
	}
}

RC_CASE(absmono_sleep_wall_steps, "CLK-103 CLK-003",
    "ABSMONO neither steps nor sleeps differently when the target's wall clock steps -30 s and +4 s")
{
	absmono_across_steps();
	ws_undo();
}

static const struct rc_case *const cases[] = {
	RC_REF(relwall_is_wall_clock), RC_REF(gettime_nsec_range),
	RC_REF(absmono_never_decreases),
	RC_REF(absmono_monotonic_across_threads), RC_REF(absmono_rate),
	RC_REF(relwall_rate), RC_REF(absmono_is_not_wall),
	RC_REF(gettime_bad_clock_refused), RC_REF(sleep_bad_clock_refused),
	RC_REF(relwall_sleep_10ms), RC_REF(relwall_sleep_50ms),
	RC_REF(relwall_sleep_seconds), RC_REF(relwall_sleep_zero),
	RC_REF(relwall_sleep_signalled),
	RC_REF(absmono_sleep_until_deadline),
	RC_REF(absmono_sleep_past_deadline), RC_REF(sleep_releases_cpu),
	RC_REF(sleeps_overlap), RC_REF(sleeps_do_not_spin),
	RC_REF(relwall_sleep_wall_steps), RC_REF(absmono_sleep_wall_steps), NULL
};
const struct rc_area rc_area_clock = { "clock", cases };
