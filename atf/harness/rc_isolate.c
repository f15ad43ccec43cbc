/*
 * rc_isolate.c -- a case body in a watched child process (ATF on a host).
 *
 * The record of the case (rc_run.h: per-ID states, the reason, the
 * hypercalls in flight) lives in memory shared with the child, so when the
 * child crashes or hangs the parent still knows what was checked and which
 * call never came back. The parent's watchdog is shorter than kyua's
 * timeout: a hang is always diagnosed here, never a bare "timed out".
 *
 * Before the first case a probe checks, once per library file, that
 * rumpuser_init returns at all; a library that crashes or hangs there fails
 * every case at once with that diagnosis.
 */
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mockkern.h"
#include "rc_isolate.h"
#include "rc_run.h"

#define RC_PROBE_S	10	/* rumpuser_init gets this long in the probe */
#define RC_ABORTED	3	/* exit status of a child that stopped its case */
#define RC_FINISHED	4	/* exit status of a child whose case ran to the end */

static int rc_in_child;

/*
 * Shared memory for the record of one child, far from where the case's own
 * anonymous mappings go: next to them it would change what a target's
 * stray unmap or overrun hits (the hint is only a hint).
 */
static struct rc_record *
shared_record(void)
{
	void *hint = sizeof(void *) == 8 ? (void *)((uintptr_t)1 << 40) : NULL;
	void *p = mmap(hint, sizeof(struct rc_record), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The in-flight call of the thread that got the signal: the nearest above its stack. */
static void
on_fatal_signal(int sig)
{
	struct rc_record *r = rc_record();
	uintptr_t here = (uintptr_t)__builtin_frame_address(0), best = 0;
	int i;

	(void)sig;
	for (i = 0; i < RC_MAXFLIGHT; i++) {
		uintptr_t s = r->flight[i].stack;

		if (r->flight[i].busy && s > here && s - here < (64u << 20) &&
		    (best == 0 || s < best)) {
			best = s;
			r->crash_slot = i;
		}
	}
	/* SA_RESETHAND: the fault repeats and ends the process by sig. */
}

static void
catch_fatal_signals(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The case stops itself (fatal harness error, missing hypercall). */
void
rc_isolate_abort(const char *why)
{
	if (!rc_in_child)
		return;
	if (!rc_failed() && !rc_skipped())
		rc_stop("ABORT", why);
	_exit(RC_ABORTED);
}

/* Kill every process left under us: the child's group, then orphans we reap. */
static void
kill_descendants(pid_t pgid)
{
	char path[64], buf[512], *p;
	struct dirent *d;
	int round, found;
	DIR *dir;
	FILE *f;
	long ppid;

	kill(-pgid, SIGKILL);
	for (round = 0; round < 20; round++) {
		found = 0;
		if ((dir = opendir("/proc")) == NULL)
			return;
		while ((d = readdir(dir)) != NULL) {
			if (d->d_name[0] < '1' || d->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
			if ((f = fopen(path, "r")) == NULL)
				continue;
			p = fgets(buf, sizeof(buf), f) != NULL ? strrchr(buf, ')') : NULL;
			fclose(f);
			if (p != NULL && sscanf(p + 2, "%*c %ld", &ppid) == 1 &&
			    ppid == (long)getpid()) {
				kill((pid_t)atol(d->d_name), SIGKILL);
				waitpid((pid_t)atol(d->d_name), NULL, 0);
				found = 1;
			}
		}
		closedir(dir);
		if (!found)
			return;
	}
}

/* A timed call so far past its deadline that the case cannot recover. */
static int
overdue(const struct rc_record *r, unsigned overdue_s)
{
	uint64_t now = rch_mono_ns(), late = (uint64_t)overdue_s * 1000000000u;
	int i;

	for (i = 0; i < RC_MAXFLIGHT; i++)
		if (r->flight[i].busy && r->flight[i].deadline_ns != 0 &&
		    now > r->flight[i].deadline_ns + late)
			return 1;
	return 0;
}

/*
 * Wait for the child under the watchdog. Returns 0 and its status when
 * it ended, -1 when it hung (it is killed, with everything it started).
 */
static int
watch_child(pid_t pid, const struct rc_record *r, unsigned limit_s, unsigned overdue_s,
    int *status)
{
	uint64_t end = rch_mono_ns() + (uint64_t)limit_s * 1000000000u;
	pid_t got;

	while ((got = waitpid(pid, status, WNOHANG)) == 0 ||
	    (got == -1 && errno == EINTR)) {
		if (rch_mono_ns() > end || (r != NULL && overdue(r, overdue_s))) {
			kill_descendants(pid);
			waitpid(pid, status, 0);
			return -1;
		}
		rch_sleep_ns(5000000);
	}
	kill_descendants(pid);
	return 0;
}

/* Does the catalog row of id name hypercall in its hypercalls column? */
static int
catalog_names_call(const char *id, const char *hypercall)
{
	char root[2048], path[2200], line[2048], *tab, *calls;
	size_t n = strlen(hypercall);
	int found = 0;
	FILE *f;

	if (rc_project_root(root, sizeof(root)) == -1)
		return 0;
	snprintf(path, sizeof(path), "%s/atf/assertions.tsv", root);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		if ((tab = strchr(line, '\t')) == NULL ||
		    (size_t)(tab - line) != strlen(id) || strncmp(line, id, strlen(id)) != 0)
			continue;
		/* columns: id family hypercalls ... */
		calls = strchr(tab + 1, '\t');
		for (; calls != NULL && (calls = strstr(calls, hypercall)) != NULL; calls += n)
			if ((calls[-1] == ' ' || calls[-1] == '\t') &&
			    (calls[n] == ' ' || calls[n] == '\t'))
				found = 1;
		break;
	}
	fclose(f);
	return found;
}

static const char *
signal_name(int sig)
{
	static char buf[32];
	const char *abbrev = sigabbrev_np(sig);

	snprintf(buf, sizeof(buf), "SIG%s", abbrev != NULL ? abbrev : "?");
	return buf;
}

/* Turn the way the child ended into the record's verdict. */
static void
judge_end(int hung, int status)
{
	char how[96];

	if (hung) {
		rc_diagnose_stop(NULL, catalog_names_call);
	} else if (WIFSIGNALED(status)) {
		snprintf(how, sizeof(how), "CRASH: signal %d (%s)", WTERMSIG(status),
		    signal_name(WTERMSIG(status)));
		rc_diagnose_stop(how, catalog_names_call);
	} else if (WEXITSTATUS(status) != RC_FINISHED && WEXITSTATUS(status) != RC_ABORTED) {
		snprintf(how, sizeof(how), "EXIT: the case's process exited with status %d",
		    WEXITSTATUS(status));
		rc_diagnose_stop(how, catalog_names_call);
	}
}

static void
result_of(struct rc_result *res)
{
	struct rc_record *r = rc_record();

	res->status = r->nfail > 0 ? RC_RES_FAIL : r->skipflag ? RC_RES_SKIP : RC_RES_PASS;
	snprintf(res->reason, sizeof(res->reason), "%s", r->reason);
}

void
rc_isolated_case(const struct rc_case *c, unsigned limit_s, unsigned overdue_s,
    struct rc_result *res)
{
	struct rc_record *r = shared_record();
	struct rc_result childres;
	int status = 0, hung;
	pid_t pid;

	if (r == NULL) {
		rc_run_case(c, res);	/* no shared memory: run it here */
		return;
	}
	rc_use_record(r);
	rc_reset();
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	fflush(NULL);
	if ((pid = fork()) == -1) {
		rc_run_case(c, res);
		return;
	}
	if (pid == 0) {
		setpgid(0, 0);
		rc_in_child = 1;
		/* Processes the case forks keep their records to themselves. */
		pthread_atfork(NULL, NULL, rc_private_record);
		catch_fatal_signals();
		rc_run_case(c, &childres);
		fflush(NULL);
		_exit(RC_FINISHED);
	}
	setpgid(pid, pid);
	hung = watch_child(pid, r, limit_s, overdue_s, &status) == -1;
	judge_end(hung, status);
	result_of(res);
}

/* The case fails before it starts: its IDs are not reached, id fails. */
void
rc_fail_unstarted(const struct rc_case *c, const char *id, const char *why,
    struct rc_result *res)
{
	rc_reset();
	rc_cite(c->ids);
	rc_stop(id, why);
	result_of(res);
}

/* What the probe found, cached in build/probe/ under a key of the file. */
static int
probe_cache_path(const char *lib, char *key, size_t keylen, char *path, size_t len)
{
	char root[2048];
	uint64_t h = 1469598103934665603ull;
	struct stat st;
	const char *p;

	if (stat(lib, &st) == -1 || rc_project_root(root, sizeof(root)) == -1)
		return -1;
	snprintf(key, keylen, "%s %llu %lld.%09ld %lld", lib, (unsigned long long)st.st_ino,
	    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_size);
	for (p = key; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	snprintf(path, len, "%s/build", root);
	mkdir(path, 0755);
	snprintf(path, len, "%s/build/probe", root);
	mkdir(path, 0755);
	snprintf(path, len, "%s/build/probe/%016llx", root, (unsigned long long)h);
	return 0;
}

/* Load-and-init in a child: "" when rumpuser_init returned, else what went wrong. */
static void
run_probe(char *verdict, size_t len)
{
	int status = 0;
	pid_t pid;

	verdict[0] = '\0';
	fflush(NULL);
	if ((pid = fork()) == -1)
		return;
	if (pid == 0) {
		setpgid(0, 0);
		rc_tgt.init(RUMPUSER_VERSION, mk_table());
		_exit(0);
	}
	setpgid(pid, pid);
	if (watch_child(pid, NULL, RC_PROBE_S, RC_PROBE_S, &status) == -1)
		snprintf(verdict, len, "rumpuser_init(%d) did not return within %d s in the "
		    "probe: every case that boots the kernel would hang there", RUMPUSER_VERSION,
		    RC_PROBE_S);
	else if (WIFSIGNALED(status))
		snprintf(verdict, len, "rumpuser_init(%d) crashed (signal %d, %s) in the probe: "
		    "every case that boots the kernel would crash there", RUMPUSER_VERSION,
		    WTERMSIG(status), signal_name(WTERMSIG(status)));
	else if (WEXITSTATUS(status) != 0)
		snprintf(verdict, len, "rumpuser_init(%d) ended the process (exit status %d) "
		    "in the probe", RUMPUSER_VERSION, WEXITSTATUS(status));
}

/* The probe's verdict for the loaded library, from the cache or a fresh run. */
static void
probe_verdict(const char *lib, char *verdict, size_t len)
{
	char key[4200], path[2300], lockp[2400], line[4200];
	FILE *f;
	int fd;

	verdict[0] = '\0';
	if (probe_cache_path(lib, key, sizeof(key), path, sizeof(path)) == -1) {
		run_probe(verdict, len);
		return;
	}
	snprintf(lockp, sizeof(lockp), "%s.lock", path);
	if ((fd = open(lockp, O_RDWR | O_CREAT, 0644)) != -1)
		flock(fd, LOCK_EX);
	if ((f = fopen(path, "r")) != NULL && fgets(line, sizeof(line), f) != NULL &&
	    strcmp(strtok(line, "\n"), key) == 0) {
		if (fgets(verdict, (int)len, f) != NULL)
			verdict[strcspn(verdict, "\n")] = '\0';
	} else {
		run_probe(verdict, len);
		if (f != NULL)
			fclose(f);
		if ((f = fopen(path, "w")) != NULL)
			fprintf(f, "%s\n%s\n", key, verdict);
	}
	if (f != NULL)
		fclose(f);
	if (fd != -1)
		close(fd);
}

int
rc_probe_target(char *why, size_t len, const char **id)
{
	static char missing[4096];
	char verdict[600];
	Dl_info info;
	int nmissing = rc_missing_calls(missing, sizeof(missing));

	*id = "LOAD";
	if (nmissing == rc_ncalls()) {
		snprintf(why, len, "not a rumpuser library: %s has no rumpuser_* hypercall at all",
		    rc_tgt_name);
		return -1;
	}
	if (rc_tgt.init == NULL) {
		snprintf(why, len, "not a rumpuser library: %s has no rumpuser_init "
		    "(it lacks %d of %d hypercalls: %s)", rc_tgt_name, nmissing, rc_ncalls(), missing);
		return -1;
	}
	if (dladdr((void *)rc_tgt.init, &info) == 0 || info.dli_fname == NULL)
		return 0;	/* statically linked: nothing to probe apart */
	probe_verdict(info.dli_fname, verdict, sizeof(verdict));
	if (verdict[0] == '\0')
		return 0;
	*id = "INI-001";
	snprintf(why, len, "%s", verdict);
	return -1;
}
