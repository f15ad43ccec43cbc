/*
 * errno.c -- the NetBSD errno namespace: every int-returning hypercall
 * returns NetBSD error numbers, whatever the host uses. Host errors are
 * provoked for real where that is portable (a timed-out cv wait, thread
 * creation without resources, an overlong file name) and the component
 * helper rumpuser_component_errtrans is checked value by value.
 */
#include "../file/iohelp.h"

/* Hosts whose errno numbering the table below knows. */
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && !defined(__alpha__) && \
    !defined(__mips__) && !defined(__sparc__) && !defined(__hppa__)
#define HOST_ERRNO(nb, linux) (linux)
#elif defined(__NetBSD__)
#define HOST_ERRNO(nb, linux) (nb)
#endif

#define LONG_NAME	300	/* longer than any host's NAME_MAX */
#define CHILD_MS	10000

RC_CASE(timedwait_timeout_is_netbsd, "ERN-002",
    "a cv_timedwait that times out returns NetBSD ETIMEDOUT (60), not the host's (110 on Linux)")
{
	struct rumpuser_mtx *m;
	struct rumpuser_cv *cv;
	int rv;

	rumpuser_mutex_init(&m, RUMPUSER_MTX_KMUTEX);
	rumpuser_cv_init(&cv);
	rumpuser_mutex_enter(m);
	rv = rumpuser_cv_timedwait(cv, m, 0, 10000000);
	rumpuser_mutex_exit(m);
	rumpuser_cv_destroy(cv);
	rumpuser_mutex_destroy(m);
	RC_ASSERT_EQ("ERN-002", rv, NB_ETIMEDOUT, "cv_timedwait timeout result");
}

static void *
exit_at_once(void *arg)
{
	(void)arg;
	rumpuser_thread_exit();
}

/* Exit status: what thread_create returned once the host is starved. */
static void
create_starved(void *arg)
{
	const char *why;
	void *cookie = NULL;

	(void)arg;
	if (rch_starve_threads(&why) != 0)
		rch_exit_child(255);
	rch_exit_child(rumpuser_thread_create(exit_at_once, NULL,
	    "rc_starved", 1, -1, -1, &cookie) & 0xff);
}

RC_CASE(thread_create_eagain_is_netbsd, "ERN-003",
    "thread_create on a host out of thread resources fails with NetBSD EAGAIN (35), not the host's (11 on Linux)")
{
	const char *why;
	int how, code;

	if (rch_isolated(create_starved, NULL, CHILD_MS, &how, &code, &why) != 0)
		RC_SKIP(why);
	RC_ASSERT("ERN-003", how == RCH_EXITED,
	    "the starved child %s %d", how == RCH_SIGNALED ?
	    "was killed by host signal" : "returned, code", code);
	if (code == 255)
		RC_SKIP("the host cannot be starved of threads here");
	if (code == 0)
		RC_SKIP("the host still created a thread after starving");
	RC_ASSERT_EQ("ERN-003", code, NB_EAGAIN,
	    "thread_create error with no thread resources");
}

/* getfileinfo and open of a name with a 300-byte component. */
static char *
long_path(void)
{
	const char *why, *dir = rch_tmpdir(&why);
	size_t dlen, i;
	char *path;

	if (dir == NULL) {
		rc_skip(why);
		return NULL;
	}
	dlen = rc_strlen(dir);
	if ((path = rch_alloc(dlen + LONG_NAME + 2)) == NULL) {
		rc_skip("no host memory for the path");
		return NULL;
	}
	rc_snprintf(path, dlen + 2, "%s/", dir);
	for (i = 0; i < LONG_NAME; i++)
		path[dlen + 1 + i] = 'n';
	path[dlen + 1 + LONG_NAME] = '\0';
	return path;
}

/*
 * A host with a name-length limit refuses the name (NetBSD ENAMETOOLONG);
 * one without (emscripten's memory file system) just does not find it.
 */
static void
check_long_name_error(const char *call, int rv)
{
	if (rv == NB_ENOENT)
		rc_note("%s: this host has no name-length limit (ENOENT)\n", call);
	RC_EXPECT("ERN-001", rv == NB_ENAMETOOLONG || rv == NB_ENOENT,
	    "%s(300-byte name) error: got %d, want %d (ENAMETOOLONG) or, on a host "
	    "without a name limit, %d (ENOENT)", call, rv, NB_ENAMETOOLONG, NB_ENOENT);
}

RC_CASE(getfileinfo_long_name_is_netbsd, "ERN-001",
    "getfileinfo of an overlong name fails with NetBSD ENAMETOOLONG (63), not the host's (36 on Linux)")
{
	char *path = long_path();
	uint64_t size;
	int type, rv;

	if (path == NULL)
		return;
	rv = rumpuser_getfileinfo(path, &size, &type);
	rch_free(path);
	check_long_name_error("getfileinfo", rv);
}

RC_CASE(open_long_name_is_netbsd, "ERN-001",
    "open of an overlong name fails with NetBSD ENAMETOOLONG (63), not the host's (36 on Linux)")
{
	char *path = long_path();
	int fd = -1, rv;

	if (path == NULL)
		return;
	rv = rumpuser_open(path, RUMPUSER_OPEN_RDONLY, &fd);
	rch_free(path);
	if (rv == 0)
		rumpuser_close(fd);
	check_long_name_error("open", rv);
}

RC_CASE(open_symlink_loop_is_netbsd, "ERN-001",
    "open and getfileinfo of a symlink loop fail with NetBSD ELOOP (62), not the host's (40 on Linux)")
{
	char a[512], b[512];
	const char *why;
	int fd = -1, rv;

	if (io_path(a, sizeof(a), "loop_a", &why) == -1 || io_path(b, sizeof(b), "loop_b", &why) == -1 ||
	    rch_make_node(a, RCH_NODE_SYMLINK, b, &why) == -1 ||
	    rch_make_node(b, RCH_NODE_SYMLINK, a, &why) == -1)
		RC_SKIP(why);
	rv = rumpuser_open(a, RUMPUSER_OPEN_RDONLY, &fd);
	if (rv == 0)
		rumpuser_close(fd);
	RC_EXPECT("ERN-001", rv == NB_ELOOP, "open(a symlink loop) = %d, want %d (ELOOP)", rv, NB_ELOOP);
	rv = rumpuser_getfileinfo(a, NULL, NULL);
	RC_EXPECT("ERN-001", rv == NB_ELOOP, "getfileinfo(a symlink loop) = %d, want %d (ELOOP)",
	    rv, NB_ELOOP);
}

/* Host errors whose numbers differ, made to come out of the file calls. */
static const struct {
	const char *name;
	int nb;
} io_errors[] = {
	{ "EAGAIN", 35 }, { "EOPNOTSUPP", 45 }, { "ENOBUFS", 55 }, { "ETIMEDOUT", 60 },
	{ "EDQUOT", 69 }, { "ENOSYS", 78 },
};

static unsigned char io_buf[512];

static int
io_read(int fd)
{
	struct rumpuser_iovec iov = { io_buf, sizeof(io_buf) };
	size_t n;

	return rumpuser_iovread(fd, &iov, 1, 0, &n);
}

static int
io_write(int fd)
{
	struct rumpuser_iovec iov = { io_buf, sizeof(io_buf) };
	size_t n;

	return rumpuser_iovwrite(fd, &iov, 1, 0, &n);
}

static int
io_sync(int fd)
{
	return rumpuser_syncfd(fd, RUMPUSER_SYNCFD_WRITE | RUMPUSER_SYNCFD_SYNC, 0, 0);
}

static const struct {
	const char *call;
	int ops;
	int (*fn)(int);
} io_calls[] = {
	{ "iovread", RCH_IO_READ, io_read }, { "iovwrite", RCH_IO_WRITE, io_write },
	{ "syncfd", RCH_IO_SYNC, io_sync },
};

/* What call returns when its host I/O fails with nb; -1 after a skip. */
static int
with_host_fault(const char *path, int fd, int call, int nb)
{
	const char *why;
	int error, fired;

	if (rch_inject_io_fault(path, io_calls[call].ops, nb, 0, 1, &why) == -1) {
		rc_skip(why);
		return -1;
	}
	error = io_calls[call].fn(fd);
	fired = rch_io_faults_fired();
	rch_inject_io_fault(NULL, 0, 0, 0, 0, &why);
	if (fired == 0) {
		rc_skip("no injected fault fired: the target's I/O bypasses libc");
		return -1;
	}
	return error;
}

RC_CASE(file_io_errors_are_netbsd, "ERN-001",
    "host errors whose numbers differ (EAGAIN, ETIMEDOUT, EDQUOT, ENOSYS...) beneath iovread, "
    "iovwrite and syncfd come back as NetBSD's numbers")
{
	char path[512];
	const char *why;
	size_t e, c;
	int fd = -1, error;

	if (io_path(path, sizeof(path), "errno.dat", &why) == -1 ||
	    rch_make_sparse(path, 4096, &why) == -1)
		RC_SKIP(why);
	error = rumpuser_open(path, RUMPUSER_OPEN_RDWR, &fd);
	RC_ASSERT("ERN-001", error == 0, "rumpuser_open(%s) = %d", path, error);
	for (c = 0; c < sizeof(io_calls) / sizeof(io_calls[0]); c++) {
		for (e = 0; e < sizeof(io_errors) / sizeof(io_errors[0]); e++) {
			if ((error = with_host_fault(path, fd, (int)c, io_errors[e].nb)) == -1)
				break;
			RC_EXPECT("ERN-001", error == io_errors[e].nb, "%s over a host %s returned %d, "
			    "want NetBSD's %d: the host number leaks through", io_calls[c].call,
			    io_errors[e].name, error, io_errors[e].nb);
		}
	}
	rumpuser_close(fd);
}

#ifdef HOST_ERRNO
struct errpair {
	const char *name;
	int host;
	int netbsd;
};

#define E(name, nb, linux) { #name, HOST_ERRNO(nb, linux), nb }
/* The errno values whose numbers differ between NetBSD and Linux. */
static const struct errpair differing[] = {
	E(EDEADLK, 11, 35), E(EAGAIN, 35, 11), E(EINPROGRESS, 36, 115),
	E(EALREADY, 37, 114), E(ENOTSOCK, 38, 88), E(EDESTADDRREQ, 39, 89),
	E(EMSGSIZE, 40, 90), E(EPROTOTYPE, 41, 91), E(ENOPROTOOPT, 42, 92),
	E(EPROTONOSUPPORT, 43, 93), E(ESOCKTNOSUPPORT, 44, 94),
	E(EOPNOTSUPP, 45, 95), E(EPFNOSUPPORT, 46, 96),
	E(EAFNOSUPPORT, 47, 97), E(EADDRINUSE, 48, 98),
	E(EADDRNOTAVAIL, 49, 99), E(ENETDOWN, 50, 100),
	E(ENETUNREACH, 51, 101), E(ENETRESET, 52, 102),
	E(ECONNABORTED, 53, 103), E(ECONNRESET, 54, 104),
	E(ENOBUFS, 55, 105), E(EISCONN, 56, 106), E(ENOTCONN, 57, 107),
	E(ESHUTDOWN, 58, 108), E(ETOOMANYREFS, 59, 109),
	E(ETIMEDOUT, 60, 110), E(ECONNREFUSED, 61, 111), E(ELOOP, 62, 40),
	E(ENAMETOOLONG, 63, 36), E(EHOSTDOWN, 64, 112),
	E(EHOSTUNREACH, 65, 113), E(ENOTEMPTY, 66, 39), E(EUSERS, 68, 87),
	E(EDQUOT, 69, 122), E(ESTALE, 70, 116), E(EREMOTE, 71, 66),
	E(ENOLCK, 77, 37), E(ENOSYS, 78, 38), E(EIDRM, 82, 43),
	E(ENOMSG, 83, 42), E(EOVERFLOW, 84, 75), E(EILSEQ, 85, 84),
	E(ECANCELED, 87, 125), E(EBADMSG, 88, 74), E(ENODATA, 89, 61),
	E(ENOSR, 90, 63), E(ENOSTR, 91, 60), E(ETIME, 92, 62),
	E(EMULTIHOP, 94, 72), E(ENOLINK, 95, 67), E(EPROTO, 96, 71),
};

/* Linux errors NetBSD has no counterpart for: all become EINVAL. */
static const struct errpair linux_only[] = {
	{ "EREMOTEIO", 121, NB_EINVAL }, { "ENOMEDIUM", 123, NB_EINVAL },
	{ "EMEDIUMTYPE", 124, NB_EINVAL }, { "ENOKEY", 126, NB_EINVAL },
	{ "EKEYEXPIRED", 127, NB_EINVAL }, { "ECHRNG", 44, NB_EINVAL },
	{ "EL2NSYNC", 45, NB_EINVAL }, { "ENOTUNIQ", 76, NB_EINVAL },
	{ "EBADFD", 77, NB_EINVAL },
};

static void
check_errtrans(const struct errpair *p, size_t n, const char *id)
{
	size_t i;
	int got;

	for (i = 0; i < n; i++) {
		got = rumpuser_component_errtrans(p[i].host);
		RC_ASSERT(id, got == p[i].netbsd,
		    "component_errtrans(host %s = %d) gave %d, want %d",
		    p[i].name, p[i].host, got, p[i].netbsd);
	}
}
#endif

RC_CASE(errtrans_differing_values, "ERN-004",
    "component_errtrans maps every host errno whose number differs (fact 2.14) to NetBSD's")
{
#ifdef HOST_ERRNO
	check_errtrans(differing, sizeof(differing) / sizeof(differing[0]),
	    "ERN-004");
#else
	RC_SKIP("this host's errno numbering is not in the table");
#endif
}

RC_CASE(errtrans_common_values, "ERN-005",
    "component_errtrans leaves 0 and the numbers NetBSD and the host share (1..10, 12..34) as they are")
{
#ifdef HOST_ERRNO
	int e, got;

	for (e = 0; e <= 34; e++) {
		if (e == 11)
			continue;
		got = rumpuser_component_errtrans(e);
		RC_ASSERT("ERN-005", got == e,
		    "component_errtrans(%d) gave %d", e, got);
	}
#else
	RC_SKIP("this host's errno numbering is not in the table");
#endif
}

RC_CASE(errtrans_host_only_values, "ERN-006",
    "component_errtrans maps Linux-only errors (EREMOTEIO 121, EBADFD 77, ...) to EINVAL (22)")
{
#if defined(HOST_ERRNO) && !defined(__NetBSD__)
	check_errtrans(linux_only, sizeof(linux_only) / sizeof(linux_only[0]),
	    "ERN-006");
#else
	RC_SKIP("the host has no errors outside NetBSD's table, or unknown numbering");
#endif
}

/*
 * Stale errno: each call below succeeds, so it must return 0 whatever
 * error an earlier host call left in errno.  A hypervisor that returns
 * errno without first checking that its host call failed returns it.
 */
#define NB_EIO		5
#define SLEEP_NS	1000000L

static int
relwall_short(void)
{
	return rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, SLEEP_NS);
}

static int
relwall_zero(void)
{
	return rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 0);
}

/* An ABSMONO sleep until 1 ms from now; the reading of now is checked too. */
static int
absmono_ahead(void)
{
	int64_t sec;
	long nsec;
	int rv = rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec);

	if (rv != 0)
		return rv;
	if ((nsec += SLEEP_NS) >= 1000000000L) {
		nsec -= 1000000000L;
		sec++;
	}
	return rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, sec, nsec);
}

static int
absmono_past(void)
{
	return rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, 0, 0);
}

static int
gettime_wall(void)
{
	int64_t sec;
	long nsec;

	return rumpuser_clock_gettime(RUMPUSER_CLOCK_RELWALL, &sec, &nsec);
}

static int
random_bytes(void)
{
	unsigned char buf[32];
	size_t got = 0;

	return rumpuser_getrandom(buf, sizeof(buf), 0, &got);
}

static int
param_ncpu(void)
{
	char buf[16];

	return rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf));
}

RC_CASE(success_ignores_stale_errno, "ERN-580",
    "clock_sleep (both clocks, ahead and past), clock_gettime, getrandom and getparam return 0 on success even with EIO left in the host errno")
{
	static const struct {
		int (*call)(void);
		const char *what;
	} calls[] = {
		{ relwall_short, "clock_sleep(RELWALL, 0, 1 ms)" },
		{ relwall_zero, "clock_sleep(RELWALL, 0, 0)" },
		{ absmono_ahead, "clock_sleep(ABSMONO, now + 1 ms)" },
		{ absmono_past, "clock_sleep(ABSMONO, 0, 0), a time past" },
		{ gettime_wall, "clock_gettime(RELWALL)" },
		{ random_bytes, "getrandom(32 bytes)" },
		{ param_ncpu, "getparam(" RUMPUSER_PARAM_NCPU ")" },
	};
	const char *why;
	size_t i;
	int rv;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		if (rch_leave_stale_errno(&why) != 0)
			RC_SKIP(why);
		rv = calls[i].call();
		RC_EXPECT("ERN-580", rv == 0, "%s returned %d after a host call had left EIO "
		    "(NetBSD %d) in errno: a successful call must return 0, not a stale errno",
		    calls[i].what, rv, NB_EIO);
	}
}

static const struct rc_case *const cases[] = {
	RC_REF(timedwait_timeout_is_netbsd),
	RC_REF(thread_create_eagain_is_netbsd),
	RC_REF(getfileinfo_long_name_is_netbsd),
	RC_REF(open_long_name_is_netbsd), RC_REF(errtrans_differing_values),
	RC_REF(errtrans_common_values), RC_REF(errtrans_host_only_values),
	RC_REF(open_symlink_loop_is_netbsd), RC_REF(file_io_errors_are_netbsd),
	RC_REF(success_ignores_stale_errno), NULL
};
const struct rc_area rc_area_errno = { "errno", cases };
