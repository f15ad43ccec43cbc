/*
 * init.c -- rumpuser_init: the version handshake and the upcall table.
 */
#include "mockkern.h"

RC_CASE_F(init_v17, "INI-001",
    "rumpuser_init(17) with a full upcall table returns 0", RC_F_NOBOOT)
{
	int error = mk_boot(RUMPUSER_VERSION);

	RC_ASSERT_EQ("INI-001", error, 0, "rumpuser_init(17)");
}

static void
init_with_version(void *arg)
{
	int version = *(int *)arg;

	/* Returning means init came back; only 0 is wrong, and we exit with it. */
	rch_exit_child(mk_boot(version) == 0 ? 0 : 1);
}

/* Run init(version) in a child: a non-zero return or termination pass. */
static void
check_refused(int version)
{
	int how, code;
	const char *why;

	if (rch_isolated(init_with_version, &version, 20000, &how, &code, &why) == -1)
		RC_SKIP(why);
	RC_ASSERT("INI-002", !(how == RCH_EXITED && code == 0),
	    "rumpuser_init(%d) returned 0: a kernel of another revision "
	    "would run on this hypervisor", version);
	if (how == RCH_SIGNALED)
		rc_note("init(%d) terminated the process with signal %d\n", version, code);
}

RC_CASE_F(init_refuses_v16, "INI-002",
    "rumpuser_init(16) never returns 0 (non-zero or termination)", RC_F_NOBOOT)
{
	check_refused(16);
}

RC_CASE_F(init_refuses_v18, "INI-002",
    "rumpuser_init(18) never returns 0 (non-zero or termination)", RC_F_NOBOOT)
{
	check_refused(18);
}

RC_CASE_F(init_refuses_v0, "INI-002",
    "rumpuser_init(0) never returns 0 (non-zero or termination)", RC_F_NOBOOT)
{
	check_refused(0);
}

RC_CASE_F(init_refuses_negative, "INI-002",
    "rumpuser_init(-17) never returns 0 (non-zero or termination)", RC_F_NOBOOT)
{
	check_refused(-17);
}

/*
 * A version mismatch must be returned to the kernel (INI-101), so that
 * rump_init can report it; ending the process instead is a deviation, and
 * aborting is NetBSD's own (INI-102). Each version runs in a child.
 */
#define INI_RETURNED_ZERO	42	/* the child's status when init gave 0 */

static void
init_returns(void *arg)
{
	if (mk_boot(*(int *)arg) == 0)
		rch_exit_child(INI_RETURNED_ZERO);
}

/* What the child's init did, in words. */
static const char *
init_outcome(int how, int code, char *buf, size_t len)
{
	if (how == RCH_SIGNALED)
		rc_snprintf(buf, len, "ended the process with signal %d", code);
	else if (how == RCH_EXITED && code == INI_RETURNED_ZERO)
		rc_snprintf(buf, len, "returned 0");
	else if (how == RCH_EXITED)
		rc_snprintf(buf, len, "ended the process with exit status %d", code);
	else
		rc_snprintf(buf, len, "returned non-zero");
	return buf;
}

static void
check_mismatch_returns(int version)
{
	char what[64];
	const char *why;
	int how, code;

	if (rch_isolated(init_returns, &version, 20000, &how, &code, &why) == -1)
		RC_SKIP(why);
	RC_EXPECT("INI-101", how == RCH_RETURNED,
	    "rumpuser_init(%d) %s instead of returning a non-zero value: the kernel "
	    "cannot report the mismatch; compare the version and return an error",
	    version, init_outcome(how, code, what, sizeof(what)));
	RC_EXPECT("INI-102", how != RCH_SIGNALED,
	    "rumpuser_init(%d) ended the process with signal %d (abort on a version "
	    "mismatch, as NetBSD's librumpuser does)", version, code);
}

RC_CASE_F(init_mismatch_returns, "INI-101 INI-102",
    "rumpuser_init(16, 18, 0, -1, 0x7fffffff) each return a non-zero value instead of ending the process",
    RC_F_NOBOOT)
{
	static const int wrong[] = { 16, 18, 0, -1, 0x7fffffff };
	size_t i;

	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]) && !rc_skipped(); i++)
		check_mismatch_returns(wrong[i]);
}

/* The child's status: init's error if it is a NetBSD errno, else these. */
#define INI_ERR_NOT_ERRNO	250
#define NB_ERRNO_MAX	96	/* NetBSD's ELAST */

static void
init_error(void *arg)
{
	int error = mk_boot(*(int *)arg);

	rch_exit_child(error >= 0 && error <= NB_ERRNO_MAX ? error : INI_ERR_NOT_ERRNO);
}

RC_CASE_F(init_mismatch_errno, "INI-760",
    "rumpuser_init(16, 18, 0, -1, 0x7fffffff) that return refuse with a NetBSD errno (1..96), "
    "never -1 or another number that is no errno", RC_F_NOBOOT)
{
	static const int wrong[] = { 16, 18, 0, -1, 0x7fffffff };
	const char *why;
	size_t i;
	int how, code;

	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		if (rch_isolated(init_error, (void *)&wrong[i], 20000, &how, &code, &why) == -1)
			RC_SKIP(why);
		if (how != RCH_EXITED)
			continue;	/* it did not return: INI-101's business */
		RC_EXPECT("INI-760", code != INI_ERR_NOT_ERRNO, "rumpuser_init(%d) returned "
		    "a value that is no errno (negative or above %d): the kernel reports it "
		    "as an error number", wrong[i], NB_ERRNO_MAX);
		rc_note("init: rumpuser_init(%d) returned %d\n", wrong[i], code);
	}
}

static volatile int stale_calls;

static void
stale_backend_unschedule(int nlocks, int *countp, void *interlock)
{
	rc_inc(&stale_calls);
	mk_table()->hyp_backend_unschedule(nlocks, countp, interlock);
}

static void
stale_backend_schedule(int nlocks, void *interlock)
{
	rc_inc(&stale_calls);
	mk_table()->hyp_backend_schedule(nlocks, interlock);
}

RC_CASE_F(init_copies_table, "INI-003",
    "the upcall table is copied at init: later changes to the caller's copy are not seen",
    RC_F_NOBOOT)
{
	struct rumpuser_hyperup *copy = rch_alloc(sizeof(*copy));
	struct lwp *l;
	int error;

	if (copy == NULL)
		RC_SKIP("no memory for the table copy");
	*copy = *mk_table();
	error = RC_RAW(init)(RUMPUSER_VERSION, copy);
	RC_ASSERT_EQ("INI-001", error, 0, "rumpuser_init(17)");
	copy->hyp_backend_unschedule = stale_backend_unschedule;
	copy->hyp_backend_schedule = stale_backend_schedule;
	l = mk_lwp_create();
	mk_enter(l);
	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 1000000);
	mk_leave();
	mk_lwp_destroy(l);
	rch_free(copy);
	RC_ASSERT("INI-003", rc_load(&stale_calls) == 0,
	    "the hypervisor called upcalls through the caller's table after init "
	    "(%d calls): it must keep its own copy", rc_load(&stale_calls));
}

RC_CASE_F(init_before_anything, "INI-004 CON-003",
    "rumpuser_dprintf works before rumpuser_init, as the kernel may print early",
    RC_F_NOBOOT)
{
	uint64_t t0 = rch_mono_ns();

	rumpuser_dprintf("rumpcheck: dprintf before init (%d)\n", 17);
	RC_ASSERT_PROMPT("CON-003", t0, 10000, "rumpuser_dprintf before rumpuser_init");
	RC_ASSERT_EQ("INI-004", mk_boot(RUMPUSER_VERSION), 0, "rumpuser_init(17) after dprintf");
}

static const struct rc_case *const cases[] = {
	RC_REF(init_v17), RC_REF(init_refuses_v16), RC_REF(init_refuses_v18),
	RC_REF(init_refuses_v0), RC_REF(init_refuses_negative),
	RC_REF(init_mismatch_returns), RC_REF(init_mismatch_errno),
	RC_REF(init_copies_table), RC_REF(init_before_anything), NULL
};
const struct rc_area rc_area_init = { "init", cases };
