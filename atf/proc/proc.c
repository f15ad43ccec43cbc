/*
 * proc.c -- what a hypervisor does to its hosting process: exit and panic,
 * signals raised by the kernel (NetBSD numbers, translated to the host's),
 * the syscall clients' errno, daemonizing, and the syscall proxy.
 *
 * Anything that ends or forks the process runs in an isolated child
 * (rch_isolated) and is judged by how the child ended.
 */
#include "mockkern.h"

#define NB_SIGEMT	7
#define NB_SIGKILL	9
#define NB_SIGSTOP	17
#define NB_SIGWINCH	28
#define NB_SIGINFO	29
#define NB_SIGUSR1	30
#define NB_SIGUSR2	31

#define CHILD_MS	10000	/* a child still running then is killed */
#define STOPPED_MS	2000	/* a child stopped by SIGSTOP is killed then */
#define RETURNED_CODE	98	/* exit status: a call that must not return did */
#define SURVIVED_CODE	99	/* exit status: the process outlived an exit */
#define NOT_ERRNO_CODE	97	/* exit status: a result was not an errno */
#define NB_ELAST	96	/* NetBSD's highest errno (EPROTO) */
#define BEGIN_FAILED	128	/* exit status base: daemonize_begin failed */

/* Run fn(arg) in a child; -1 (case skipped) where there are no children. */
static int
isolated(void (*fn)(void *), void *arg, int *how, int *code)
{
	const char *why;

	if (rch_isolated(fn, arg, CHILD_MS, how, code, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	return 0;
}

static const char *
ending(int how)
{
	return how == RCH_EXITED ? "exited with status" :
	    how == RCH_SIGNALED ? "was killed by host signal" :
	    "returned normally, code";
}

static void
exit_with(void *arg)
{
	RC_RAW(exit)(*(int *)arg);
	/* Coming back here is the failure the parent reports. */
}

static void
check_exit_status(int value)
{
	int how, code;

	if (isolated(exit_with, &value, &how, &code) != 0)
		return;
	RC_ASSERT("EXT-001", how != RCH_RETURNED,
	    "rumpuser_exit(%d) returned to its caller", value);
	RC_ASSERT("EXT-002", how == RCH_EXITED && code == value,
	    "after rumpuser_exit(%d) the process %s %d", value, ending(how),
	    code);
}

RC_CASE(exit_status_zero, "EXT-001 EXT-002",
    "rumpuser_exit(0) ends the process with exit status 0 and never returns")
{
	check_exit_status(0);
}

RC_CASE(exit_status_three, "EXT-001 EXT-002",
    "rumpuser_exit(3) ends the process with exit status 3 and never returns")
{
	check_exit_status(3);
}

RC_CASE(exit_panic, "EXT-001 EXT-003",
    "rumpuser_exit(RUMPUSER_PANIC) ends the process abnormally: a signal or a non-zero status")
{
	int value = RUMPUSER_PANIC, how, code;

	if (isolated(exit_with, &value, &how, &code) != 0)
		return;
	RC_ASSERT("EXT-001", how != RCH_RETURNED,
	    "rumpuser_exit(RUMPUSER_PANIC) returned to its caller");
	RC_ASSERT("EXT-003", how == RCH_SIGNALED || code != 0,
	    "after rumpuser_exit(RUMPUSER_PANIC) the process exited with 0");
}

static void
exit_from_thread(void *arg)
{
	RC_RAW(exit)(*(int *)arg);
	rch_exit_child(RETURNED_CODE);
}

static void
spawn_exiting_thread(void *arg)
{
	rc_spawn(exit_from_thread, arg, "rc_exiter");
	rc_sleep_ms(3000);	/* gives the CPU away: a fiber hypervisor runs the exiter */
	rch_exit_child(SURVIVED_CODE);
}

RC_CASE(exit_from_other_thread, "EXT-001 EXT-004",
    "rumpuser_exit(5) on a kernel thread ends the whole process, not just that thread")
{
	int value = 5, how, code;

	if (isolated(spawn_exiting_thread, &value, &how, &code) != 0)
		return;
	RC_ASSERT("EXT-001", !(how == RCH_EXITED && code == RETURNED_CODE),
	    "rumpuser_exit(5) returned on the thread that called it");
	RC_ASSERT("EXT-004", !(how == RCH_EXITED && code == SURVIVED_CODE),
	    "the process lived on after rumpuser_exit(5) on another thread");
	RC_ASSERT("EXT-002", how == RCH_EXITED && code == value,
	    "after rumpuser_exit(5) the process %s %d", ending(how), code);
}

struct kill_req {
	int nbsig;
	int hostsig;
};

/* Exit 0: raised once and kill returned 0; 1: not raised; 2: error. */
static void
kill_and_count(void *arg)
{
	struct kill_req *k = arg;
	const char *why;
	uint64_t end;
	int rv;

	if (rch_catch_signal(k->hostsig, &why) != 0)
		rch_exit_child(3);
	rv = rumpuser_kill(RUMPUSER_PID_SELF, k->nbsig);
	/* Delivery may be asynchronous when not raised on this thread. */
	end = rch_mono_ns() + 1000000000u;
	while (rch_signal_count(k->hostsig) == 0 && rch_mono_ns() < end)
		rch_sleep_ns(1000000);
	if (rch_signal_count(k->hostsig) == 0)
		rch_exit_child(1);
	rch_exit_child(rv == 0 ? 0 : 2);
}

/* kill(PID_SELF, nbsig) raises host signal rch_host_signal(nbsig). */
static void
check_kill(int nbsig)
{
	struct kill_req k = { nbsig, rch_host_signal(nbsig) };
	int how, code;

	if (k.hostsig == 0)
		RC_SKIP("this host has no counterpart of the NetBSD signal");
	if (isolated(kill_and_count, &k, &how, &code) != 0)
		return;
	RC_ASSERT("KIL-001", how != RCH_SIGNALED,
	    "kill(NetBSD %d) raised host signal %d instead of %d", nbsig, code,
	    k.hostsig);
	RC_ASSERT("KIL-001", !(how == RCH_EXITED && code == 1),
	    "kill(NetBSD %d) did not raise host signal %d", nbsig, k.hostsig);
	RC_ASSERT("KIL-002", !(how == RCH_EXITED && code == 2),
	    "kill(NetBSD %d) raised the signal but returned non-zero", nbsig);
	RC_ASSERT("KIL-001", how == RCH_EXITED && code == 0,
	    "the child testing kill(NetBSD %d) %s %d", nbsig, ending(how),
	    code);
}

RC_CASE(kill_sigusr1, "KIL-001 KIL-002",
    "kill(PID_SELF, 30) raises the host's SIGUSR1 (NetBSD and Linux numbers differ)")
{
	check_kill(NB_SIGUSR1);
}

RC_CASE(kill_sigusr2, "KIL-001 KIL-002",
    "kill(PID_SELF, 31) raises the host's SIGUSR2")
{
	check_kill(NB_SIGUSR2);
}

RC_CASE(kill_sigwinch, "KIL-001 KIL-002",
    "kill(PID_SELF, 28) raises the host's SIGWINCH")
{
	check_kill(NB_SIGWINCH);
}

RC_CASE(kill_other_signals, "KIL-001 KIL-002",
    "kill raises the host counterparts of NetBSD HUP, ALRM, TERM, URG, CHLD, IO, XCPU, XFSZ, VTALRM, PROF")
{
	static const int sigs[] = { 1, 14, 15, 16, 20, 23, 24, 25, 26, 27 };
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]) && !rc_failed() &&
	    !rc_skipped(); i++)
		check_kill(sigs[i]);
}

static void
kill_then_linger(void *arg)
{
	rumpuser_kill(RUMPUSER_PID_SELF, *(int *)arg);
	rch_sleep_ns(500000000u);
	rch_exit_child(1);
}

/*
 * kill(nbsig) of a signal no handler can catch: the child should end by
 * host signal want (SIGKILL), or stop (SIGSTOP: only the watchdog's
 * SIGKILL after timeout_ms ends it).
 */
static void
check_kill_uncatchable(int nbsig, unsigned timeout_ms, const char *want)
{
	const char *why;
	int how, code, hostsig = rch_host_signal(nbsig);

	if (rch_isolated(kill_then_linger, &nbsig, timeout_ms, &how, &code, &why) == -1)
		RC_SKIP(why);
	RC_ASSERT("KIL-001", how == RCH_SIGNALED &&
	    code == (nbsig == NB_SIGSTOP ? rch_host_signal(NB_SIGKILL) : hostsig),
	    "after kill(PID_SELF, %d) the process %s %d: want it %s (host signal %d)",
	    nbsig, ending(how), code, want, hostsig);
}

/* Catchable ones with a handler; 9 and 17 by how the child ends. */
RC_CASE(kill_every_signal, "KIL-001 KIL-002",
    "kill raises the host counterpart of every NetBSD signal 1..32 the host has, SIGKILL and SIGSTOP included")
{
	int nbsig, tried = 0;

	for (nbsig = 1; nbsig <= 32 && !rc_failed() && !rc_skipped(); nbsig++) {
		if (rch_host_signal(nbsig) == 0)
			continue;	/* KIL-003's business */
		tried++;
		if (nbsig == NB_SIGKILL)
			check_kill_uncatchable(nbsig, CHILD_MS, "killed by SIGKILL");
		else if (nbsig == NB_SIGSTOP)
			check_kill_uncatchable(nbsig, STOPPED_MS,
			    "stopped until the test kills it");
		else
			check_kill(nbsig);
	}
	if (tried == 0)
		RC_SKIP("this environment has no host signals for kill to raise");
}

static void
kill_uncaught(void *arg)
{
	int rv = rumpuser_kill(RUMPUSER_PID_SELF, *(int *)arg);

	rch_sleep_ns(100000000u);
	/* Not an errno: the only exit status this child has. */
	if (rv < 0 || rv > NB_ELAST)
		rch_exit_child(NOT_ERRNO_CODE);
}

/*
 * With default dispositions, kill(sig) must leave the process alive, and
 * its result be 0 or an errno.
 */
static void
check_kill_harmless(int nbsig, const char *id)
{
	int how, code;

	if (isolated(kill_uncaught, &nbsig, &how, &code) != 0)
		return;
	RC_ASSERT("KIL-620", !(how == RCH_EXITED && code == NOT_ERRNO_CODE),
	    "kill(PID_SELF, %d) returned a value that is neither 0 nor a NetBSD "
	    "errno (1..%d)", nbsig, NB_ELAST);
	RC_ASSERT(id, how == RCH_RETURNED,
	    "after kill(PID_SELF, %d) the process %s %d", nbsig, ending(how),
	    code);
}

RC_CASE(kill_unmapped_signal, "KIL-003 KIL-620",
    "kill(PID_SELF, 29) and kill(PID_SELF, 7) (SIGINFO and SIGEMT, absent on Linux) raise nothing")
{
	if (rch_host_signal(NB_SIGINFO) != 0)
		RC_SKIP("the host has SIGINFO; its default action is harmless");
	check_kill_harmless(NB_SIGINFO, "KIL-003");
	RC_BAIL();
	if (rch_host_signal(NB_SIGEMT) == 0)
		check_kill_harmless(NB_SIGEMT, "KIL-003");
}

RC_CASE(kill_out_of_range, "KIL-004 KIL-620",
    "kill with signal numbers outside NetBSD's 1..32 (0, 33, 64) raises nothing")
{
	check_kill_harmless(0, "KIL-004");
	RC_BAIL();
	check_kill_harmless(33, "KIL-004");
	RC_BAIL();
	check_kill_harmless(64, "KIL-004");
}

RC_CASE(seterrno_leaves_results_alone, "ERR-001",
    "after seterrno(e) the caller's next hypercalls still return their own results")
{
	static const int values[] = { 0, NB_ENOENT, 35, 60, 96, -1 };
	char buf[64];
	int64_t sec;
	long nsec;
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		rumpuser_seterrno(values[i]);
		RC_ASSERT_EQ("ERR-001", rumpuser_getparam(RUMPUSER_PARAM_NCPU,
		    buf, sizeof(buf)), 0, "getparam(NCPU) after seterrno");
		rumpuser_seterrno(values[i]);
		RC_ASSERT_EQ("ERR-001", rumpuser_getparam("RUMPCHECK_NONE",
		    buf, sizeof(buf)), NB_ENOENT, "getparam(unknown) after seterrno");
		rumpuser_seterrno(values[i]);
		RC_ASSERT_EQ("ERR-001", rumpuser_clock_gettime(
		    RUMPUSER_CLOCK_ABSMONO, &sec, &nsec), 0,
		    "clock_gettime after seterrno");
	}
}

static const int errno_values[] = { 1, NB_ENOENT, 22, 35, 60, 96 };

/* The first value whose seterrno the thread's errno does not show. */
struct errno_probe {
	int want, seen;
	const char *why;
};

static void
errno_probe_values(struct errno_probe *p)
{
	size_t i;

	for (i = 0; i < sizeof(errno_values) / sizeof(errno_values[0]); i++) {
		rumpuser_seterrno(errno_values[i]);
		p->want = errno_values[i];
		if ((p->seen = rch_errno(&p->why)) != p->want)
			return;
	}
}

/* A raw hypervisor thread: no lwp was ever bound on it. */
static void *
errno_probe_raw(void *arg)
{
	errno_probe_values(arg);
	rumpuser_thread_exit();
}

/* Both on the case's thread and on a new one that never had an lwp. */
RC_CASE(seterrno_sets_errno, "ERR-760",
    "after seterrno(e) the calling thread's errno, as a local syscall client reads it, is e "
    "(1, 2, 22, 35, 60, 96: NetBSD numbers, given as they are), also on a new thread")
{
	struct errno_probe here = { 0, 0, NULL }, fresh = { 0, 0, NULL };
	void *cookie = NULL;

	errno_probe_values(&here);
	if (here.seen == -1)
		RC_SKIP(here.why);
	RC_ASSERT("ERR-760", here.seen == here.want, "after seterrno(%d) the thread's "
	    "errno is %d: a local client of the rump kernel reads the wrong error of its "
	    "failed system call", here.want, here.seen);
	RC_ASSERT_EQ("THR-001", rumpuser_thread_create(errno_probe_raw, &fresh, "rc_errno",
	    1, -1, -1, &cookie), 0, "rumpuser_thread_create");
	RC_ASSERT_EQ("THR-002", rumpuser_thread_join(cookie), 0, "rumpuser_thread_join");
	RC_ASSERT("ERR-760", fresh.seen == fresh.want, "on a new thread that never had an "
	    "lwp, after seterrno(%d) the thread's errno is %d: the errno is kept only for "
	    "threads the hypervisor already knows", fresh.want, fresh.seen);
}

static volatile int errno_stop;

static void
errno_setter(void *arg)
{
	(void)arg;
	while (!rc_load(&errno_stop))
		rumpuser_seterrno(35);
}

RC_CASE(seterrno_is_per_thread, "ERR-002",
    "seterrno in a loop on one thread does not change another thread's hypercall results")
{
	struct rc_thread *t;
	char buf[64];
	int i, e1, e2;

	errno_stop = 0;
	if ((t = rc_spawn(errno_setter, NULL, "rc_errno")) == NULL)
		return;
	for (i = 0; i < 20000; i++) {
		e1 = rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf));
		e2 = rumpuser_getparam("RUMPCHECK_NONE", buf, sizeof(buf));
		if (e1 != 0 || e2 != NB_ENOENT)
			break;
	}
	rc_store(&errno_stop, 1);
	rc_join(t);
	RC_ASSERT("ERR-002", e1 == 0 && e2 == NB_ENOENT,
	    "with seterrno(35) running elsewhere getparam gave %d and %d "
	    "(want 0 and %d)", e1, e2, NB_ENOENT);
}

static void
done_without_begin(void *arg)
{
	(void)arg;
	rch_exit_child(rumpuser_daemonize_done(0));
}

RC_CASE_F(daemonize_done_without_begin, "DMN-001",
    "daemonize_done without daemonize_begin fails with ENOENT (2)", RC_F_NOBOOT)
{
	int how, code;

	if (isolated(done_without_begin, NULL, &how, &code) != 0)
		return;
	RC_ASSERT("DMN-001", how == RCH_EXITED && code == NB_ENOENT,
	    "daemonize_done(0) without begin: the child %s %d (want exit "
	    "status %d)", ending(how), code, NB_ENOENT);
}

/*
 * daemonize_begin, then report *arg (or, if negative, the result of a
 * second begin) through daemonize_done. The process that called begin
 * should exit with what the daemon reported.
 */
static void
daemonize_and_report(void *arg)
{
	int report = *(int *)arg, rv = rumpuser_daemonize_begin();

	if (rv != 0)
		rch_exit_child(BEGIN_FAILED + (rv & 0x7f));
	if (report < 0)
		report = rumpuser_daemonize_begin();
	rumpuser_daemonize_done(report);
	/* The daemon must not return into the test harness. */
	rch_exit_child(0);
}

static void
check_daemonize(int report, int want, const char *id)
{
	int how, code;

	if (isolated(daemonize_and_report, &report, &how, &code) != 0)
		return;
	if (how == RCH_EXITED && code >= BEGIN_FAILED)
		RC_SKIP("daemonize_begin failed: the target does not daemonize");
	RC_ASSERT(id, how == RCH_EXITED && code == want,
	    "the process that called daemonize_begin %s %d (want exit "
	    "status %d)", ending(how), code, want);
}

RC_CASE_F(daemonize_success, "DMN-002",
    "after daemonize_begin, daemonize_done(0) makes the original process exit with 0",
    RC_F_NOBOOT)
{
	check_daemonize(0, 0, "DMN-002");
}

RC_CASE_F(daemonize_error, "DMN-002",
    "after daemonize_begin, daemonize_done(5) makes the original process exit with 5",
    RC_F_NOBOOT)
{
	check_daemonize(5, 5, "DMN-002");
}

RC_CASE_F(daemonize_twice, "DMN-003 ERN-001",
    "a second daemonize_begin fails with EINPROGRESS as NetBSD numbers it (36, not Linux 115)",
    RC_F_NOBOOT)
{
	int report = -1, how, code;

	if (isolated(daemonize_and_report, &report, &how, &code) != 0)
		return;
	if (how == RCH_EXITED && code >= BEGIN_FAILED)
		RC_SKIP("daemonize_begin failed: the target does not daemonize");
	/* Both rules want NetBSD's number, not the host's (Linux: 115). */
	RC_EXPECT("ERN-001", how != RCH_EXITED || code == NB_EINPROGRESS, "the second "
	    "daemonize_begin failed with %d, not NetBSD's EINPROGRESS (36)", code);
	RC_ASSERT("DMN-003", how == RCH_EXITED && code == NB_EINPROGRESS, "the process that "
	    "called daemonize_begin twice %s %d (want exit status %d)", ending(how), code,
	    NB_EINPROGRESS);
}

/*
 * What the daemon (the child daemonize_begin returns 0 in) saw, in memory
 * it shares with the test: the original process only gives an exit status.
 */
struct daemon_watch {
	int report;		/* the error to hand to daemonize_done */
	int die_early;		/* the daemon ends without daemonize_done */
	int pester;		/* the waiting process takes signals meanwhile */
	int fds_before;		/* open descriptors before begin */
	int null_before;	/* rch_stdio_null() before begin */
	int finished;		/* the daemon filled in what follows */
	int done_rv;		/* daemonize_done's result */
	int fds_after;
	int null_after;
};

#define DAEMON_MS	5000	/* the original process should be gone by then */
#define PESTER_EVERY_MS	2	/* signals to the waiting process, this often */
#define PESTER_COUNT	400
#define PESTER_WAIT_MS	300	/* the daemon reports this late when pestered */

static void
daemon_side(struct daemon_watch *w)
{
	if (w->pester)
		rch_sleep_ns((uint64_t)PESTER_WAIT_MS * 1000000u);
	if (w->die_early)
		rch_exit_child(0);
	w->done_rv = rumpuser_daemonize_done(w->report);
	w->fds_after = rch_count_fds();
	w->null_after = rch_stdio_null();
	rc_store(&w->finished, 1);
	rch_exit_child(0);
}

/*
 * The original process: stdout and stderr go to a capture file (so they
 * are not the null device yet), signals arrive if asked, then begin.
 */
static void
daemonize_watched(void *arg)
{
	struct daemon_watch *w = arg;
	const char *why;
	int rv, hostsig = rch_host_signal(NB_SIGUSR1);

	if (rch_console_begin(&why) == -1)
		rch_exit_child(BEGIN_FAILED - 1);
	if (w->pester && (rch_catch_signal(hostsig, &why) == -1 ||
	    rch_signal_me_repeatedly(hostsig, PESTER_EVERY_MS, PESTER_COUNT, &why) == -1))
		rch_exit_child(BEGIN_FAILED - 1);
	w->fds_before = rch_count_fds();
	w->null_before = rch_stdio_null();
	if ((rv = rumpuser_daemonize_begin()) != 0)
		rch_exit_child(BEGIN_FAILED + (rv & 0x7f));
	daemon_side(w);
}

/*
 * Daemonize with w's settings in an isolated child; the status the
 * original process exited with in *code. -1 when the case skipped.
 */
static int
run_daemon(struct daemon_watch *w, int *how, int *code)
{
	const char *why;
	uint64_t end;

	if (rch_isolated(daemonize_watched, w, DAEMON_MS, how, code, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	if (*how == RCH_EXITED && *code == BEGIN_FAILED - 1) {
		rc_skip("the console could not be captured or signals not sent: "
		    "the daemon's stdio or the waiting process cannot be observed");
		return -1;
	}
	if (*how == RCH_EXITED && *code >= BEGIN_FAILED) {
		rc_skip("daemonize_begin failed: the target does not daemonize");
		return -1;
	}
	/* The daemon outlives the original process by what it has left to do. */
	end = rch_mono_ns() + (uint64_t)DAEMON_MS * 1000000u;
	while (!w->die_early && !rc_load(&w->finished) && rch_mono_ns() < end)
		rch_sleep_ns(1000000);
	return 0;
}

static struct daemon_watch *
daemon_watch_new(int report)
{
	const char *why;
	struct daemon_watch *w = rch_shared_alloc(sizeof(*w), &why);

	if (w == NULL) {
		rc_skip(why);
		return NULL;
	}
	w->report = report;
	return w;
}

static void
judge_daemon(const struct daemon_watch *w, int how, int code)
{
	int report = w->report, want_null;

	RC_ASSERT("DMN-002", how == RCH_EXITED && code == report,
	    "the process that called daemonize_begin %s %d (want exit status %d)",
	    ending(how), code, report);
	RC_ASSERT("DMN-622", rc_load(&w->finished),
	    "the daemon did not get past daemonize_done(%d) within %d ms",
	    report, DAEMON_MS);
	RC_ASSERT("DMN-622", w->done_rv == 0,
	    "daemonize_done(%d) returned %d after the waiting process got the "
	    "status (want 0)", report, w->done_rv);
	want_null = report == 0 ? 7 : w->null_before;
	RC_ASSERT("DMN-620", w->null_before >= 0 && w->null_after == want_null,
	    "after daemonize_done(%d) the daemon's stdin/stdout/stderr are %s/%s/%s "
	    "(before begin: %s/%s/%s): want %s", report,
	    (w->null_after & 1) ? "null" : "other", (w->null_after & 2) ? "null" : "other",
	    (w->null_after & 4) ? "null" : "other", (w->null_before & 1) ? "null" : "other",
	    (w->null_before & 2) ? "null" : "other", (w->null_before & 4) ? "null" : "other",
	    report == 0 ? "all three on the null device (the daemon is detached)" :
	    "them left as they were (the failing daemon can still say why)");
	RC_ASSERT("DMN-623", w->fds_before >= 0 && w->fds_after == w->fds_before,
	    "the daemon has %d descriptors open after daemonize_done(%d), %d before "
	    "daemonize_begin: the status channel (or the null device) is left open",
	    w->fds_after, report, w->fds_before);
}

static void
check_daemon_after_done(int report)
{
	struct daemon_watch *w = daemon_watch_new(report);
	int how, code;

	if (w == NULL)
		return;
	if (run_daemon(w, &how, &code) == 0)
		judge_daemon(w, how, code);
	rch_shared_free(w, sizeof(*w));
}

RC_CASE_F(daemonize_success_detaches, "DMN-002 DMN-620 DMN-622 DMN-623",
    "after daemonize_done(0) the daemon's stdio is the null device, done returned 0 and no descriptor of the handshake is left open",
    RC_F_NOBOOT)
{
	check_daemon_after_done(0);
}

RC_CASE_F(daemonize_error_keeps_stdio, "DMN-002 DMN-620 DMN-622 DMN-623",
    "after daemonize_done(5) the daemon's stdio is as it was, done returned 0 and no descriptor of the handshake is left open",
    RC_F_NOBOOT)
{
	check_daemon_after_done(5);
}

static void
check_daemon_dies_early(int pester)
{
	struct daemon_watch *w = daemon_watch_new(0);
	int how, code;

	if (w == NULL)
		return;
	w->die_early = 1;
	w->pester = pester;
	if (run_daemon(w, &how, &code) == 0)
		RC_EXPECT("DMN-621", how == RCH_EXITED && code != 0,
		    "the daemon exited (status 0) without daemonize_done, and the process "
		    "that called daemonize_begin%s %s %d%s: want a non-zero exit status, "
		    "promptly", pester ? " (taking signals while it waited)" : "",
		    ending(how), code, how == RCH_SIGNALED ?
		    " (still waiting after 5 s, killed)" : "");
	rch_shared_free(w, sizeof(*w));
}

RC_CASE_F(daemonize_daemon_dies_early, "DMN-621",
    "when the daemon ends without daemonize_done, the process that called begin exits at once with a non-zero status, also when signals interrupted its wait",
    RC_F_NOBOOT)
{
	check_daemon_dies_early(0);
	RC_BAIL();
	check_daemon_dies_early(1);
}

RC_CASE_F(daemonize_status_through_signals, "DMN-002",
    "the process waiting in daemonize_begin exits with the daemon's status (7) although signals with a handler interrupt its wait",
    RC_F_NOBOOT)
{
	struct daemon_watch *w = daemon_watch_new(7);
	int how, code;

	if (w == NULL)
		return;
	w->pester = 1;
	if (run_daemon(w, &how, &code) == 0)
		RC_EXPECT("DMN-002", how == RCH_EXITED && code == 7,
		    "the process that called daemonize_begin took SIGUSR1 every %d ms (a "
		    "handler without SA_RESTART) while it waited, and %s %d (want exit "
		    "status 7): an interrupted wait for the status is not resumed",
		    PESTER_EVERY_MS, ending(how), code);
	rch_shared_free(w, sizeof(*w));
}

static void
begin_and_report(void *arg)
{
	int rv = rumpuser_daemonize_begin();

	(void)arg;
	if (rv != 0)
		rch_exit_child(BEGIN_FAILED + (rv & 0x7f));
	rumpuser_daemonize_done(0);
	rch_exit_child(0);
}

RC_CASE_F(daemonize_begin_works, "DMN-624",
    "where the host has processes (the suite forks one), a process's first daemonize_begin succeeds",
    RC_F_NOBOOT)
{
	int how, code;

	if (isolated(begin_and_report, NULL, &how, &code) != 0)
		return;
	RC_ASSERT("DMN-624", !(how == RCH_EXITED && code >= BEGIN_FAILED),
	    "the first daemonize_begin of a fresh process failed with %d on a host "
	    "that has fork(): rump_server -d and every daemonizing server cannot start "
	    "on this hypervisor", code - BEGIN_FAILED);
	RC_ASSERT("DMN-624", how == RCH_EXITED && code == 0,
	    "after daemonize_begin and daemonize_done(0) the process %s %d (want "
	    "exit status 0)", ending(how), code);
}

RC_CASE(sp_init_bad_url, "SP-001",
    "rumpuser_sp_init with a URL no transport accepts fails instead of pretending to serve")
{
	int rv = rumpuser_sp_init("rumpcheck-not-a-url", "NetBSD", "10.0",
	    "amd64");

	RC_ASSERT("SP-001", rv != 0,
	    "sp_init(\"rumpcheck-not-a-url\") returned 0");
	RC_ASSERT("SP-001", rv > 0 && rv <= 96,
	    "sp_init failed with %d, not a NetBSD errno", rv);
}

static const struct rc_case *const cases[] = {
	RC_REF(exit_status_zero), RC_REF(exit_status_three),
	RC_REF(exit_panic), RC_REF(exit_from_other_thread),
	RC_REF(kill_sigusr1), RC_REF(kill_sigusr2), RC_REF(kill_sigwinch),
	RC_REF(kill_other_signals), RC_REF(kill_every_signal), RC_REF(kill_unmapped_signal),
	RC_REF(kill_out_of_range), RC_REF(seterrno_leaves_results_alone),
	RC_REF(seterrno_is_per_thread), RC_REF(seterrno_sets_errno), RC_REF(daemonize_done_without_begin),
	RC_REF(daemonize_success), RC_REF(daemonize_error),
	RC_REF(daemonize_twice), RC_REF(daemonize_success_detaches),
	RC_REF(daemonize_error_keeps_stdio), RC_REF(daemonize_daemon_dies_early),
	RC_REF(daemonize_status_through_signals), RC_REF(daemonize_begin_works),
	RC_REF(sp_init_bad_url), NULL
};
const struct rc_area rc_area_proc = { "proc", cases };
