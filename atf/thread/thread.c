/*
 * thread.c -- rumpuser_thread_create/join/exit.
 *
 * The threads here are created directly with rumpuser_thread_create, as
 * the kernel's kthread code does: they start with no lwp and no virtual
 * CPU, so they use only calls that need neither (host services, nowrap
 * locks) unless they bind an lwp themselves.
 */
#include "mockkern.h"

#define NS_PER_MS	1000000u
#define FLAG_MS		5000	/* a thread not done by then never will be */
#define MANY		64
#define REPEATS		1000
#define WORK_WORDS	16384

struct job {
	volatile int ran;
	void *arg_seen;
	struct lwp *lwp_at_start;
	unsigned delay_ms;		/* host sleep before the work */
	unsigned *words;		/* filled after the delay */
};

static void *
job_main(void *arg)
{
	struct job *j = arg;
	size_t i;

	j->arg_seen = arg;
	j->lwp_at_start = rumpuser_curlwp();
	if (j->delay_ms > 0)
		rch_sleep_ns((uint64_t)j->delay_ms * NS_PER_MS);
	if (j->words != NULL)
		for (i = 0; i < WORK_WORDS; i++)
			j->words[i] = (unsigned)i * 2654435761u;
	rc_store(&j->ran, 1);
	rumpuser_thread_exit();
}

/* Start job_main(j); returns 0 or records the failure under id. */
static int
start(const char *id, struct job *j, const char *name, int mustjoin, int prio,
    int cpuidx, void **cookie)
{
	int error = rumpuser_thread_create(job_main, j, name, mustjoin, prio,
	    cpuidx, cookie);

	return RC_EXPECT(id, error == 0,
	    "thread_create(%s, mustjoin %d, prio %d, cpu %d) failed with %d",
	    name, mustjoin, prio, cpuidx, error) ? 0 : -1;
}

static int
join(const char *id, void *cookie)
{
	int error = rumpuser_thread_join(cookie);

	return RC_EXPECT(id, error == 0,
	    "thread_join failed with %d", error) ? 0 : -1;
}

/*
 * Create joinable (a failure recorded under create_id), join, and check it
 * ran with its own argument.
 */
static void
run_joinable(const char *create_id, const char *name, int prio, int cpuidx)
{
	struct job j = { 0 };
	void *cookie = NULL;

	if (start(create_id, &j, name, 1, prio, cpuidx, &cookie) != 0 ||
	    join("THR-002", cookie) != 0)
		return;
	RC_EXPECT("THR-003", rc_load(&j.ran) && j.arg_seen == &j,
	    "after join the thread (%s, prio %d, cpu %d) had %s", name, prio,
	    cpuidx, rc_load(&j.ran) ? "a wrong argument" : "not run");
}

RC_CASE(create_and_join, "THR-001 THR-002 THR-003",
    "a joinable thread is created (0), runs f(arg) with the given arg, and join returns 0")
{
	run_joinable("THR-001", "rc_joinable", -1, -1);
}

RC_CASE(detached_runs, "THR-001 THR-005",
    "a detached thread (mustjoin 0) is created and runs to completion without being joined")
{
	struct job j = { 0 };
	void *cookie = NULL;

	if (start("THR-001", &j, "rc_detached", 0, -1, -1, &cookie) != 0)
		return;
	RC_ASSERT("THR-005", rc_wait_flag(&j.ran, FLAG_MS),
	    "the detached thread did not run within %d ms", FLAG_MS);
	RC_ASSERT("THR-003", j.arg_seen == &j, "the thread got a wrong argument");
}

RC_CASE(detached_without_cookie, "THR-006",
    "a detached thread may be created with a NULL cookie pointer")
{
	struct job j = { 0 };

	if (start("THR-006", &j, "rc_nocookie", 0, -1, -1, NULL) != 0)
		return;
	RC_ASSERT("THR-005", rc_wait_flag(&j.ran, FLAG_MS),
	    "the detached thread did not run within %d ms", FLAG_MS);
}

RC_CASE(starts_without_lwp, "THR-007 LWP-002",
    "a new thread starts with curlwp NULL and no virtual CPU, though its creator has both")
{
	struct job j = { 0 };
	void *cookie = NULL;

	RC_ASSERT("THR-007", mk_curlwp() != NULL && mk_has_cpu(),
	    "the creator should hold an lwp and a CPU");
	if (start("THR-001", &j, "rc_fresh", 1, -1, -1, &cookie) != 0 ||
	    join("THR-002", cookie) != 0)
		return;
	RC_ASSERT("THR-007", j.lwp_at_start == NULL,
	    "the new thread started with curlwp %p (creator's: %p)",
	    (void *)j.lwp_at_start, (void *)mk_curlwp());
}

struct handshake {
	struct rumpuser_mtx *mtx;
	struct rumpuser_cv *cv;
	int go;
	volatile int through;
};

/* What the kernel's thread trampoline does before it has an lwp. */
static void *
wait_nowrap(void *arg)
{
	struct handshake *h = arg;

	rumpuser_mutex_enter_nowrap(h->mtx);
	while (!h->go)
		rumpuser_cv_wait_nowrap(h->cv, h->mtx);
	rumpuser_mutex_exit(h->mtx);
	rc_store(&h->through, 1);
	rumpuser_thread_exit();
}

RC_CASE(nowrap_before_lwp, "THR-008",
    "a new thread can wait with nowrap mutex/cv calls on a SPIN mutex before it has an lwp or CPU")
{
	struct handshake h = { 0 };
	void *cookie = NULL;
	int error;

	rumpuser_mutex_init(&h.mtx, RUMPUSER_MTX_SPIN);
	rumpuser_cv_init(&h.cv);
	error = rumpuser_thread_create(wait_nowrap, &h, "rc_nowrap", 1, -1, -1,
	    &cookie);
	RC_ASSERT_EQ("THR-001", error, 0, "thread_create");
	rc_sleep_ms(20);	/* lets the thread reach its wait, even on fibers */
	rumpuser_mutex_enter(h.mtx);
	h.go = 1;
	rumpuser_cv_signal(h.cv);
	rumpuser_mutex_exit(h.mtx);
	RC_ASSERT("THR-008", rc_wait_flag(&h.through, FLAG_MS),
	    "the thread never got through its nowrap wait");
	RC_ASSERT_EQ("THR-002", rumpuser_thread_join(cookie), 0, "thread_join");
	rumpuser_cv_destroy(h.cv);
	rumpuser_mutex_destroy(h.mtx);
}

RC_CASE(names_priorities_cpus, "THR-009 THR-003",
    "thread_create accepts names (empty, 63 chars), priorities -1/0/220 and cpuidx -1/0/1")
{
	static const char longname[] =
	    "rumpcheck-a-thread-name-much-longer-than-any-host-accepts-00063";
	static const int prios[] = { -1, 0, 220 };
	static const int cpus[] = { -1, 0, 1 };
	size_t p, c;

	run_joinable("THR-009", "", -1, -1);
	run_joinable("THR-009", longname, -1, -1);
	for (p = 0; p < 3; p++)
		for (c = 0; c < 3 && !rc_failed(); c++)
			run_joinable("THR-009", "rc_hints", prios[p], cpus[c]);
}

RC_CASE(many_at_once, "THR-010",
    "64 threads alive at the same time all run and all join with 0")
{
	struct job *j = rch_alloc(MANY * sizeof(*j));
	void *cookie[MANY];
	int i, n, idle = 0;

	if (j == NULL)
		RC_SKIP("no host memory for the jobs");
	rc_memset(j, 0, MANY * sizeof(*j));
	for (n = 0; n < MANY; n++) {
		j[n].delay_ms = 100;	/* so that all of them overlap */
		if (start("THR-010", &j[n], "rc_many", 1, -1, -1, &cookie[n]) != 0)
			break;
	}
	for (i = 0; i < n; i++)
		if (join("THR-010", cookie[i]) == 0 && !rc_load(&j[i].ran))
			idle++;
	RC_EXPECT("THR-010", idle == 0, "%d of %d threads joined without "
	    "having run", idle, n);
	rch_free(j);
}

RC_CASE(create_join_repeatedly, "THR-010",
    "1000 create/join rounds in a row all succeed (nothing leaks per thread)")
{
	struct job j;
	void *cookie;
	int i;

	for (i = 0; i < REPEATS; i++) {
		rc_memset(&j, 0, sizeof(j));
		if (start("THR-010", &j, "rc_repeat", 1, -1, -1, &cookie) != 0 ||
		    join("THR-010", cookie) != 0) {
			rc_note("failed in round %d\n", i);
			return;
		}
		RC_ASSERT("THR-003", rc_load(&j.ran), "round %d did not run", i);
	}
}

RC_CASE(join_waits_for_the_thread, "THR-011",
    "thread_join returns only after the thread finished: work done after a 100 ms delay is complete")
{
	struct job j = { 0 };
	void *cookie = NULL;
	size_t i;

	j.delay_ms = 100;
	if ((j.words = rch_alloc(WORK_WORDS * sizeof(unsigned))) == NULL)
		RC_SKIP("no host memory for the work");
	if (start("THR-001", &j, "rc_slow", 1, -1, -1, &cookie) != 0 ||
	    join("THR-002", cookie) != 0)
		return;
	RC_ASSERT("THR-011", rc_load(&j.ran),
	    "thread_join returned before the thread finished");
	for (i = 0; i < WORK_WORDS; i++)
		RC_ASSERT("THR-011", j.words[i] == (unsigned)i * 2654435761u,
		    "word %zu of the thread's work is missing after join", i);
	rch_free(j.words);
}

RC_CASE(join_releases_cpu, "THR-012",
    "thread_join on a thread still running releases the virtual CPU while it waits")
{
	struct job j = { 0 };
	void *cookie = NULL;
	unsigned long before;

	j.delay_ms = 50;
	if (start("THR-001", &j, "rc_joined", 1, -1, -1, &cookie) != 0)
		return;
	before = mk_unsched_count();
	if (join("THR-002", cookie) != 0)
		return;
	RC_ASSERT("THR-012", mk_unsched_count() > before,
	    "thread_join waited 50 ms holding the virtual CPU");
}

static void *
exit_then_mark(void *arg)
{
	struct job *j = arg;

	rc_store(&j->ran, 1);
	/* The shim fails the case (THR-004) if this comes back. */
	rumpuser_thread_exit();
}

RC_CASE(thread_exit_ends_thread, "THR-004 THR-002",
    "thread_exit ends the thread without returning, and the thread is then joinable")
{
	struct job j = { 0 };
	void *cookie = NULL;
	int error;

	error = rumpuser_thread_create(exit_then_mark, &j, "rc_exit", 1, -1, -1,
	    &cookie);
	RC_ASSERT_EQ("THR-001", error, 0, "thread_create");
	RC_ASSERT_EQ("THR-002", rumpuser_thread_join(cookie), 0, "thread_join");
	RC_ASSERT("THR-011", rc_load(&j.ran),
	    "thread_join returned before the thread ran");
	/* The shim records a failure of THR-004 if thread_exit came back. */
	RC_ASSERT("THR-004", !rc_failed(), "rumpuser_thread_exit returned to its caller");
}

static void
join_elsewhere(void *cookie)
{
	join("THR-013", cookie);
}

RC_CASE(join_from_another_thread, "THR-013",
    "a thread created by one thread can be joined by another (kthread_join from any lwp)")
{
	struct job j = { 0 };
	void *cookie = NULL;

	j.delay_ms = 20;
	if (start("THR-001", &j, "rc_adopted", 1, -1, -1, &cookie) != 0)
		return;
	rc_join(rc_spawn(join_elsewhere, cookie, "rc_joiner"));
	RC_ASSERT("THR-011", rc_load(&j.ran),
	    "joined from another thread before it ran");
}

static void
create_from_worker(void *arg)
{
	(void)arg;
	run_joinable("THR-001", "rc_nested", -1, -1);
}

RC_CASE(create_from_kernel_thread, "THR-001 THR-002",
    "a thread that is itself a kernel thread can create and join threads")
{
	rc_join(rc_spawn(create_from_worker, NULL, "rc_parent"));
}

#define LEAK_CYCLES	100
/* Allocator caches and arenas; each lost thread keeps a stack of megabytes. */
#define LEAK_SLACK_BYTES	(256ll << 20)
#define LEAK_ROUNDS		4
#define LEAK_STEP_BYTES		(4ll << 20)	/* 40 KiB for each detached thread */

struct host_counts {
	int threads, fds;
	int64_t mapped;		/* -1 where unknown */
};

static int
host_counts(struct host_counts *c)
{
	c->threads = rch_count_threads();
	c->fds = rch_count_fds();
	c->mapped = rch_mapped_bytes();
	return c->threads == -1 || c->fds == -1 ? -1 : 0;
}

static void
kthread_nothing(void *arg)
{
	(void)arg;
}

/*
 * LEAK_CYCLES joinable threads (thread_exit, then join), as many detached
 * ones (thread_exit) and kernel-like ones; waits until the detached ones
 * ran. Returns -1 after a failure.
 */
static int
thread_cycles(struct job *jobs)
{
	uint64_t end;
	void *cookie;
	int i, ran;

	for (i = 0; i < LEAK_CYCLES; i++) {
		rc_memset(&jobs[i], 0, sizeof(jobs[i]));
		if (start("THR-001", &jobs[i], "rc_joinable", 1, -1, -1, &cookie) != 0 ||
		    join("THR-002", cookie) != 0)
			return -1;
	}
	for (i = 0; i < LEAK_CYCLES; i++) {
		rc_memset(&jobs[i], 0, sizeof(jobs[i]));
		if (start("THR-001", &jobs[i], "rc_detached", 0, -1, -1, &cookie) != 0)
			return -1;
	}
	for (i = 0; i < LEAK_CYCLES; i++)
		rc_join(rc_spawn(kthread_nothing, NULL, "rc_kthread"));
	end = rch_mono_ns() + 5000 * NS_PER_MS;
	do {
		for (ran = i = 0; i < LEAK_CYCLES; i++)
			ran += rc_load(&jobs[i].ran);
	} while (ran < LEAK_CYCLES && rch_mono_ns() < end && (rc_sleep_ms(5), 1));
	return RC_EXPECT("THR-005", ran == LEAK_CYCLES, "only %d of %d detached threads ran",
	    ran, LEAK_CYCLES) ? 0 : -1;
}

/*
 * LEAK_ROUNDS more rounds: 1 if the mapped memory grew by LEAK_STEP_BYTES
 * or more in every one (a leak: the host's caches and allocator arenas
 * fill once), 0 if not, -1 after a failure; *grew: the growth in all.
 */
static int
grows_every_round(struct job *jobs, int64_t *grew)
{
	int64_t first = rch_mapped_bytes(), prev = first, now;
	int r, every = 1;

	for (r = 0; r < LEAK_ROUNDS; r++) {
		if (thread_cycles(jobs) != 0)
			return -1;
		now = rch_mapped_bytes();
		every &= now - prev >= LEAK_STEP_BYTES;
		prev = now;
	}
	*grew = prev - first;
	return every;
}

RC_CASE_F(cycles_leave_nothing, "THR-200",
    "after 100 joinable, 100 detached and 100 kernel-like threads ended, the host has the threads, "
    "descriptors and (within caches) mappings it had, and more rounds do not grow the mappings "
    "every time", RC_F_SLOW)
{
	static struct job jobs[LEAK_CYCLES];
	struct host_counts before, after;
	int64_t grew;
	uint64_t end;
	int leaking;

	if (host_counts(&before) == -1)
		RC_SKIP("this host cannot count its threads and descriptors: leaks cannot be checked");
	/* A first round fills the host's caches (thread stacks, malloc arenas). */
	if (thread_cycles(jobs) != 0)
		return;
	host_counts(&before);
	if (thread_cycles(jobs) != 0)
		return;
	/* An ended thread can take a moment to leave the host's lists. */
	end = rch_mono_ns() + 2000 * NS_PER_MS;
	while (host_counts(&after) == 0 && after.threads > before.threads && rch_mono_ns() < end)
		rc_sleep_ms(5);
	RC_ASSERT("THR-200", after.threads == before.threads && after.fds == before.fds,
	    "after 300 threads ended the host has %d threads (%d before) and %d descriptors (%d "
	    "before): ended threads are not reclaimed", after.threads, before.threads, after.fds,
	    before.fds);
	if (before.mapped >= 0 && after.mapped >= 0)
		RC_ASSERT("THR-200", after.mapped - before.mapped < LEAK_SLACK_BYTES,
		    "after 300 threads ended %lld MiB more address space is mapped: their "
		    "stacks are never freed (detached threads never reclaimed?)",
		    (long long)((after.mapped - before.mapped) >> 20));
	rc_note("thread: mapped %lld -> %lld MiB\n", (long long)(before.mapped >> 20),
	    (long long)(after.mapped >> 20));
	if (after.mapped < 0)
		return;
	/* Small leaks (a user-level thread's stack) hide in the slack above. */
	if ((leaking = grows_every_round(jobs, &grew)) == -1)
		return;
	RC_ASSERT("THR-200", !leaking, "in each of %d more rounds of 300 threads the mapped "
	    "memory grew by %lld MiB or more (%lld MiB in all): what an ended thread held is "
	    "never given back (a detached thread's stack?)", LEAK_ROUNDS,
	    LEAK_STEP_BYTES >> 20, (long long)(grew >> 20));
}

/* Exit codes of the starved child besides thread_create's error. */
#define STARVED_RAN		0	/* the host made the thread after all */
#define STARVED_NO_THREAD	1	/* 0 returned, f never ran */
#define STARVED_BAD_ERROR	250	/* an error that is no errno */
#define STARVED_NO_CAP		253	/* the host cannot be starved here */

/*
 * thread_create once the host has no room for another thread's stack
 * (arg NULL) or, in addition, no heap left (arg non-NULL).
 */
static void
create_starved_child(void *arg)
{
	static struct job j;
	const char *why;
	void *cookie = NULL;
	int error;

	if (rch_starve_threads(&why) != 0)
		rch_exit_child(STARVED_NO_CAP);
	if (arg != NULL && rch_exhaust_heap(&why) != 0)
		rch_exit_child(STARVED_NO_CAP);
	error = rumpuser_thread_create(job_main, &j, "rc_starved", 1, -1, -1, &cookie);
	if (error == 0)
		rch_exit_child(rc_wait_flag(&j.ran, FLAG_MS) ? STARVED_RAN :
		    STARVED_NO_THREAD);
	rch_exit_child(error > 0 && error < STARVED_BAD_ERROR ? error :
	    STARVED_BAD_ERROR);
}

RC_CASE(create_failure_reported, "THR-550",
    "thread_create on a host with no room for another thread's stack, and with no heap either, returns an errno, never 0 without a thread (isolated children)")
{
	static const char *const starved[] = { "no room for a stack",
	    "no room for a stack and no heap" };
	const char *why;
	int how, code, i, refused = 0;

	for (i = 0; i < 2; i++) {
		if (rch_isolated(create_starved_child, i == 0 ? NULL : (void *)starved,
		    30000, &how, &code, &why) != 0)
			RC_SKIP(why);
		RC_ASSERT("THR-550", how == RCH_EXITED, "the child with %s %s %d",
		    starved[i], how == RCH_SIGNALED ? "was killed by host signal" :
		    "returned, code", code);
		if (code == STARVED_NO_CAP)
			RC_SKIP("the host cannot be starved of threads here");
		if (code == STARVED_RAN)
			continue;	/* the host made it after all: nothing refused */
		refused++;
		RC_ASSERT("THR-550", code != STARVED_NO_THREAD, "with %s thread_create "
		    "returned 0 but the thread never ran within %d ms: the host's "
		    "failure was lost", starved[i], FLAG_MS);
		RC_ASSERT("THR-550", code != STARVED_BAD_ERROR, "with %s thread_create "
		    "failed with a value that is no errno (negative or huge)", starved[i]);
		rc_note("thread: with %s thread_create failed with %d\n", starved[i], code);
	}
	if (refused == 0)
		RC_SKIP("the host still made the threads after starving: nothing refused");
}

/* The shortest name limit of a host that names threads (Linux: 16 with NUL). */
#define HOST_NAME_MIN	15

struct named {
	volatile int created;
	int got;
	const char *why;
	char name[80];
};

/*
 * Read the host's name of this thread once its creator is done naming it
 * (host sleeps: the thread has no lwp for the hypervisor's).
 */
static void *
named_main(void *arg)
{
	struct named *n = arg;
	uint64_t end = rch_mono_ns() + (uint64_t)FLAG_MS * NS_PER_MS;

	while (!rc_load(&n->created) && rch_mono_ns() < end)
		rch_sleep_ns(NS_PER_MS);
	n->got = rch_thread_name(n->name, sizeof(n->name), &n->why);
	rumpuser_thread_exit();
}

/* What the host calls a thread created as thrname: 0, or -1 (and *why). */
static int
host_name_of(const char *thrname, struct named *n)
{
	void *cookie = NULL;

	rc_memset(n, 0, sizeof(*n));
	if (!RC_EXPECT("THR-001", rumpuser_thread_create(named_main, n, thrname, 1, -1,
	    -1, &cookie) == 0, "thread_create(%s) failed", thrname))
		return -1;
	rc_store(&n->created, 1);
	if (join("THR-002", cookie) != 0)
		return -1;
	return n->got;
}

RC_CASE(host_thread_named, "THR-551",
    "the host thread carries thrname: 7, 15, 16 and 70 characters read back whole or cut to the host's limit (at least 15), NUL-terminated")
{
	static const char *const names[] = { "rc_name", "rc_fifteen_char",
	    "rc_sixteen_chars", "rc_a_kernel_thread_name_far_longer_than_any_"
	    "host_keeps_for_a_thread" };
	struct named n;
	size_t i, len, got, want;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (host_name_of(names[i], &n) != 0) {
			if (!rc_failed())
				RC_SKIP(n.why);
			return;
		}
		len = rc_strlen(names[i]);
		got = rc_strlen(n.name);
		want = len < HOST_NAME_MIN ? len : HOST_NAME_MIN;
		RC_EXPECT("THR-551", got >= want && got <= len &&
		    rc_memcmp(n.name, names[i], got) == 0, "the thread created as \"%s\" "
		    "is \"%s\" on the host: %s", names[i], n.name, got < want ?
		    "its name was not set (or cut short)" : "not the name it was given");
	}
}

#define TRANSIENT_REFUSALS	3
#define GIVE_UP_MS		5000	/* NetBSD: ten tries 10 ms apart */
#define NB_EAGAIN		35

/* thread_create while the host refuses count creations (< 0: all). */
static int
create_refused(int count, struct job *j, void **cookie, int *refused,
    uint64_t *took_ns)
{
	const char *why;
	uint64_t t0;
	int error;

	(void)rch_fail_thread_creates(count, &why);	/* the case checked it can */
	t0 = rch_mono_ns();
	error = rumpuser_thread_create(job_main, j, "rc_refused", 1, -1, -1, cookie);
	*took_ns = rch_mono_ns() - t0;
	*refused = rch_thread_creates_failed();
	rch_fail_thread_creates(0, &why);
	return error;
}

/* Exit code of the always-refused child: thread_create's error, or this. */
#define REFUSED_BAD_ERROR	250

static void
always_refused_child(void *arg)
{
	static struct job j;
	void *cookie = NULL;
	uint64_t took;
	int error, refused;

	(void)arg;
	error = create_refused(-1, &j, &cookie, &refused, &took);
	rch_exit_child(error > 0 && error < REFUSED_BAD_ERROR ? error :
	    REFUSED_BAD_ERROR);
}

/*
 * A host that always refuses: thread_create must give up within
 * GIVE_UP_MS. An isolated child is stopped at that limit (a hypervisor
 * that retries for minutes fails here, not the whole run); where nothing
 * can be isolated the call is timed here.
 */
static void
always_refused(void)
{
	struct job j = { 0 };
	const char *why;
	void *cookie = NULL;
	uint64_t took;
	int error, how, refused;

	if (rch_isolated(always_refused_child, NULL, GIVE_UP_MS, &how, &error, &why) == 0) {
		RC_ASSERT("THR-552", how == RCH_EXITED, "thread_create on a host that "
		    "always refuses (EAGAIN) %s: its retries are not bounded to a short "
		    "while", how == RCH_SIGNALED ? "had not given up after 5 s" :
		    "returned from the child");
		RC_ASSERT("THR-552", error == NB_EAGAIN, "thread_create on a host that "
		    "always refuses (EAGAIN) failed with %s%d, not EAGAIN (35)",
		    error == REFUSED_BAD_ERROR ? "a value that is no errno, code " : "",
		    error);
		return;
	}
	error = create_refused(-1, &j, &cookie, &refused, &took);
	RC_ASSERT("THR-552", error == NB_EAGAIN, "thread_create on a host that always "
	    "refuses (EAGAIN, %d times) returned %d, not EAGAIN (35)", refused, error);
	RC_ASSERT("THR-552", took < (uint64_t)GIVE_UP_MS * NS_PER_MS, "thread_create "
	    "took %llu ms to give up on a host that always refuses (%d tries): its "
	    "retries are not bounded to a short while", (unsigned long long)(took /
	    NS_PER_MS), refused);
}

RC_CASE(create_retries_eagain, "THR-552",
    "thread_create retries a host that refuses 3 times with EAGAIN and makes the thread; one that always refuses ends in EAGAIN (35) within 5 s")
{
	struct job j = { 0 };
	void *cookie = NULL;
	const char *why;
	uint64_t took;
	int error, refused;

	if (rch_fail_thread_creates(0, &why) != 0)
		RC_SKIP(why);
	error = create_refused(TRANSIENT_REFUSALS, &j, &cookie, &refused, &took);
	if (refused == 0) {
		if (error == 0)
			join("THR-002", cookie);
		RC_SKIP("the target made its thread without the host's pthread_create: "
		    "no refusal could be injected");
	}
	RC_ASSERT("THR-552", error == 0, "thread_create failed with %d after the host "
	    "refused %d times with EAGAIN: a passing shortage is not retried",
	    error, refused);
	if (join("THR-002", cookie) != 0)
		return;
	always_refused();
}

#define HEAP_WARMUP	200
#define HEAP_ROUNDS	2000
#define HEAP_SLACK	16384	/* caches: under 8 bytes a round */

/* HEAP_ROUNDS create/join rounds of joinable threads; -1 after a failure. */
static int
joined_rounds(int rounds)
{
	struct job j;
	void *cookie;
	int i;

	for (i = 0; i < rounds; i++) {
		rc_memset(&j, 0, sizeof(j));
		if (start("THR-001", &j, "rc_heap", 1, -1, -1, &cookie) != 0 ||
		    join("THR-002", cookie) != 0)
			return -1;
	}
	return 0;
}

/*
 * What a joinable thread takes from the host's heap (its cookie, a start
 * record) comes back by the time it is joined: 2000 rounds leave the heap
 * in use where it was, bar caches (no cookie is smaller than 8 bytes).
 */
RC_CASE(joined_threads_free_heap, "THR-200",
    "2000 joinable threads created and joined leave the host heap in use where it was (within 16 KiB): join frees the cookie")
{
	int64_t before, after;

	if (rch_heap_in_use() < 0)
		RC_SKIP("this host cannot count its heap in use: leaks cannot be checked");
	if (joined_rounds(HEAP_WARMUP) != 0)
		return;
	before = rch_heap_in_use();
	if (joined_rounds(HEAP_ROUNDS) != 0)
		return;
	after = rch_heap_in_use();
	RC_ASSERT("THR-200", after - before < HEAP_SLACK, "after %d joinable threads "
	    "were created and joined the host heap holds %lld bytes more (%lld a "
	    "thread): join does not free what create took", HEAP_ROUNDS,
	    (long long)(after - before), (long long)((after - before) / HEAP_ROUNDS));
	rc_note("thread: heap in use %lld -> %lld bytes over %d joined threads\n",
	    (long long)before, (long long)after, HEAP_ROUNDS);
}

/*
 * The calls a file system makes on the thread that holds the kernel, on a
 * file at path: each step's hypercall, in order (shared by THR-760/761).
 */
#define IO_STEPS	6
static const char *const io_step_name[IO_STEPS] = { "rumpuser_open",
    "rumpuser_iovwrite", "rumpuser_iovread", "rumpuser_getfileinfo",
    "rumpuser_close", "rumpuser_clock_sleep" };

/* Run step i; the hypercall's result (0 or an errno). */
static int
io_step(int i, const char *path, int *fd)
{
	static unsigned char buf[4096];
	struct rumpuser_iovec iov = { buf, sizeof(buf) };
	uint64_t size;
	size_t n;
	int ft;

	switch (i) {
	case 0:
		return rumpuser_open(path, RUMPUSER_OPEN_RDWR, fd);
	case 1:
		return rumpuser_iovwrite(*fd, &iov, 1, 0, &n);
	case 2:
		return rumpuser_iovread(*fd, &iov, 1, 0, &n);
	case 3:
		return rumpuser_getfileinfo(path, &size, &ft);
	case 4:
		return rumpuser_close(*fd);
	default:
		return rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 1000000);
	}
}

/* <scratch dir>/name as a 1 MiB file; 0, or -1 with *why. */
static int
io_file(char *path, size_t len, const char *name, const char **why)
{
	const char *dir = rch_tmpdir(why);

	if (dir == NULL)
		return -1;
	rc_snprintf(path, len, "%s/%s", dir, name);
	return rch_make_sparse(path, 1u << 20, why);
}

/* Starting masks: none, every other signal, all the host lets block. */
static const uint64_t start_masks[] = { 0, 0x5555555555555555ull, ~0ull };

RC_CASE(calls_keep_signal_mask, "THR-760",
    "file calls, a thread's create and join and a sleep leave the calling thread's host "
    "signal mask as they found it, from an empty, a partial and a full mask")
{
	char path[512];
	const char *why;
	uint64_t was, now;
	void *cookie;
	int fd = -1, i, m;
	static struct job j;

	if (io_file(path, sizeof(path), "sigmask", &why) == -1 ||
	    rch_signal_mask(NULL, &was, &why) == -1)
		RC_SKIP(why);
	for (m = 0; m < (int)(sizeof(start_masks) / sizeof(start_masks[0])); m++) {
		if (rch_signal_mask(&start_masks[m], &was, &why) == -1)
			RC_SKIP(why);
		for (i = 0; i < IO_STEPS; i++) {
			RC_ASSERT("THR-760", io_step(i, path, &fd) == 0, "%s failed", io_step_name[i]);
			rch_signal_mask(NULL, &now, &why);
			RC_ASSERT("THR-760", now == was, "after %s the calling thread blocks "
			    "signals 0x%llx, before it blocked 0x%llx: the hypercall changed "
			    "the caller's signal mask", io_step_name[i],
			    (unsigned long long)now, (unsigned long long)was);
		}
		rc_memset(&j, 0, sizeof(j));
		if (start("THR-760", &j, "rc_sigmask", 1, -1, -1, &cookie) != 0 ||
		    join("THR-760", cookie) != 0)
			return;
		rch_signal_mask(NULL, &now, &why);
		RC_ASSERT("THR-760", now == was, "after thread_create and thread_join the "
		    "calling thread blocks signals 0x%llx, before it blocked 0x%llx",
		    (unsigned long long)now, (unsigned long long)was);
	}
	now = 0;
	rch_signal_mask(&now, &was, &why);
}

/* The step a starved child reached (shared with the case), and its path. */
struct starved_io {
	volatile int step;
	volatile int error[IO_STEPS];
	char path[512];
};

static void
io_starved_child(void *arg)
{
	struct starved_io *s = arg;
	const char *why;
	int fd = -1;

	if (rch_starve_threads(&why) != 0)
		rch_exit_child(STARVED_NO_CAP);
	for (s->step = 0; s->step < IO_STEPS; s->step++)
		if ((s->error[s->step] = io_step(s->step, s->path, &fd)) != 0 && s->step == 0)
			break;		/* nothing opened: the rest has no fd */
	rch_exit_child(0);
}

RC_CASE(calls_return_without_threads, "THR-761",
    "on a host with no room for another thread's stack, open, write, read, getfileinfo, close "
    "and a sleep each return (0 or an errno), never wait forever for a helper thread "
    "(isolated child)")
{
	struct starved_io *s;
	const char *why;
	int how, code, i;

	if ((s = rch_shared_alloc(sizeof(*s), &why)) == NULL ||
	    io_file(s->path, sizeof(s->path), "starved", &why) == -1)
		RC_SKIP(why);
	s->step = -1;
	if (rch_isolated(io_starved_child, s, 20000, &how, &code, &why) != 0) {
		rch_shared_free(s, sizeof(*s));
		RC_SKIP(why);
	}
	if (how == RCH_EXITED && code == STARVED_NO_CAP) {
		rch_shared_free(s, sizeof(*s));
		RC_SKIP("the host cannot be starved of threads here");
	}
	i = s->step;
	RC_EXPECT("THR-761", how == RCH_EXITED && code == 0, "HANG: with no room "
	    "for a thread, %s never returned (the child %s %d after 20 s)",
	    i >= 0 && i < IO_STEPS ? io_step_name[i] : "no hypercall",
	    how == RCH_SIGNALED ? "was killed by host signal" : "ended with", code);
	for (i = 0; i < IO_STEPS && i < s->step; i++)
		rc_note("thread: starved %s returned %d\n", io_step_name[i], s->error[i]);
	rch_shared_free(s, sizeof(*s));
}

static const struct rc_case *const cases[] = {
	RC_REF(create_and_join), RC_REF(detached_runs),
	RC_REF(detached_without_cookie), RC_REF(starts_without_lwp),
	RC_REF(nowrap_before_lwp), RC_REF(names_priorities_cpus),
	RC_REF(many_at_once), RC_REF(create_join_repeatedly),
	RC_REF(join_waits_for_the_thread), RC_REF(join_releases_cpu),
	RC_REF(thread_exit_ends_thread), RC_REF(join_from_another_thread),
	RC_REF(create_from_kernel_thread), RC_REF(cycles_leave_nothing),
	RC_REF(create_failure_reported), RC_REF(host_thread_named),
	RC_REF(create_retries_eagain), RC_REF(joined_threads_free_heap),
	RC_REF(calls_keep_signal_mask), RC_REF(calls_return_without_threads), NULL
};
const struct rc_area rc_area_thread = { "thread", cases };
