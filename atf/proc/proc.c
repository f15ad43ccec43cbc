/*
 * proc.c -- what a hypervisor does to its hosting process: exit and panic,
 * signals raised by the kernel (NetBSD numbers, translated to the host's),
 * the syscall clients' errno, daemonizing, and the syscall proxy.
 *
 * Anything that ends or forks the process runs in an isolated child
 * (rch_isolated) and is judged by how the child ended.
 */
#include "mockkern.h"

#define NB_SIGWINCH	28
#define NB_SIGINFO	29
#define NB_SIGUSR1	30
#define NB_SIGUSR2	31

#define CHILD_MS	10000	/* a child still running then is killed */
#define RETURNED_CODE	98	/* exit status: a call that must not return did */
#define SURVIVED_CODE	99	/* exit status: the process outlived an exit */
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
kill_uncaught(void *arg)
{
	rumpuser_kill(RUMPUSER_PID_SELF, *(int *)arg);
	rch_sleep_ns(100000000u);
}

/* With default dispositions, kill(sig) must leave the process alive. */
static void
check_kill_harmless(int nbsig, const char *id)
{
	int how, code;

	if (isolated(kill_uncaught, &nbsig, &how, &code) != 0)
		return;
	RC_ASSERT(id, how == RCH_RETURNED,
	    "after kill(PID_SELF, %d) the process %s %d", nbsig, ending(how),
	    code);
}

RC_CASE(kill_unmapped_signal, "KIL-003",
    "kill(PID_SELF, 29) (SIGINFO, absent on Linux) is not raised as the host's signal 29")
{
	if (rch_host_signal(NB_SIGINFO) != 0)
		RC_SKIP("the host has SIGINFO; its default action is harmless");
	check_kill_harmless(NB_SIGINFO, "KIL-003");
}

RC_CASE(kill_out_of_range, "KIL-004",
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
	RC_REF(kill_other_signals), RC_REF(kill_unmapped_signal),
	RC_REF(kill_out_of_range), RC_REF(seterrno_leaves_results_alone),
	RC_REF(seterrno_is_per_thread), RC_REF(daemonize_done_without_begin),
	RC_REF(daemonize_success), RC_REF(daemonize_error),
	RC_REF(daemonize_twice), RC_REF(sp_init_bad_url), NULL
};
const struct rc_area rc_area_proc = { "proc", cases };
