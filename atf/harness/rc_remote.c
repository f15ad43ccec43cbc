/*
 * rc_remote.c -- targets whose environment is not this host (an emulated
 * machine, a wasm engine, an i386 process): the environment's entry point
 * `atf/env/ENV/run HYPERVISOR FORM OUTFILE` builds the hypervisor and the
 * suite there, runs the whole suite and writes its KTAP to OUTFILE. It
 * exits 0 when it produced results, 77 (reason on its first stderr line)
 * when this machine cannot run the environment, anything else on an error.
 *
 * The first case of a kyua run to get here runs it, under a lock; every
 * case then reads its own line from the cached output. The cache is keyed
 * by the run: the run_id config variable, or else kyua's process. A cache
 * already written under the run's run_id is read, not run: scripts/lava
 * replays a LAVA job's KTAP that way.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rc_remote.h"
#include "rc_target.h"

/* kyua's pid and start time: the same for every case of one run. */
static void
default_run_id(char *buf, size_t len)
{
	char path[64], stat[1024];
	unsigned long long start = 0;
	FILE *f;
	char *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)getppid());
	if ((f = fopen(path, "r")) != NULL && fgets(stat, sizeof(stat), f) != NULL &&
	    (p = strrchr(stat, ')')) != NULL) {
		/* starttime is field 22; p points at the end of field 2. */
		for (i = 2; i < 21 && p != NULL; i++)
			p = strchr(p + 1, ' ');
		if (p != NULL)
			start = strtoull(p + 1, NULL, 10);
	}
	if (f != NULL)
		fclose(f);
	snprintf(buf, len, "kyua-%d-%llu", (int)getppid(), start);
}

static int
cache_matches(const char *cache, const char *run_id)
{
	char line[512], want[512];
	FILE *f = fopen(cache, "r");
	int ok;

	if (f == NULL)
		return 0;
	snprintf(want, sizeof(want), "# run %s\n", run_id);
	ok = fgets(line, sizeof(line), f) != NULL && strcmp(line, want) == 0;
	fclose(f);
	return ok;
}

/* Run the environment's run script into tmp; stderr goes to errfile. Returns its exit status. */
static int
run_runner(const char *root, const char *runner, const struct rc_where *w,
    const char *tmp, const char *errfile)
{
	pid_t pid;
	int status, fd;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if ((fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644)) != -1)
			dup2(fd, 2);
		setenv("RUMPCHECK_ROOT", root, 1);	/* the run scripts' project */
		execl(runner, runner, w->hypervisor, w->form != NULL ? w->form : "",
		    tmp, (char *)NULL);
		_exit(126);
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		continue;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void
first_line(const char *file, char *buf, size_t len)
{
	FILE *f = fopen(file, "r");

	buf[0] = '\0';
	if (f != NULL) {
		if (fgets(buf, (int)len, f) != NULL)
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
	if (buf[0] == '\0')
		snprintf(buf, len, "(no message)");
}

/* Produce cache atomically: "# run ID" then the KTAP or a "# STATUS" line. */
static void
refresh_cache(const char *root, const char *runner, const struct rc_where *w,
    const char *cache, const char *run_id)
{
	char tmp[4200], errfile[4200], msg[600], hdr[600];
	FILE *out, *in;
	int st, c;

	snprintf(tmp, sizeof(tmp), "%s.ktap.tmp", cache);
	snprintf(errfile, sizeof(errfile), "%s.stderr", cache);
	unlink(tmp);
	st = run_runner(root, runner, w, tmp, errfile);
	first_line(errfile, msg, sizeof(msg));
	snprintf(hdr, sizeof(hdr), "%s.new", cache);
	if ((out = fopen(hdr, "w")) == NULL)
		return;
	fprintf(out, "# run %s\n", run_id);
	if (st == 77)
		fprintf(out, "# UNAVAILABLE %s\n", msg);
	else if (st != 0)
		fprintf(out, "# ERROR %s exited with %d: %s\n", runner, st, msg);
	if ((in = fopen(tmp, "r")) != NULL) {
		while ((c = getc(in)) != EOF)
			putc(c, out);
		fclose(in);
	}
	if (fclose(out) == 0)
		rename(hdr, cache);
	unlink(tmp);
}

/* Parse "ok N name [# SKIP why]" or "not ok N name [# why]" for name. */
static int
parse_result(const char *p, const char *name, struct rc_remote_result *r)
{
	int failed = strncmp(p, "not ok ", 7) == 0;
	const char *q = p + (failed ? 7 : 3), *why;
	size_t n = strlen(name);

	while (*q >= '0' && *q <= '9')
		q++;
	if (*q++ != ' ' || strncmp(q, name, n) != 0 || (q[n] != '\0' && q[n] != ' '))
		return 0;
	why = strstr(q + n, " # ");
	if (failed) {
		r->status = RC_REMOTE_FAIL;
		snprintf(r->reason, sizeof(r->reason), "%s", why != NULL ? why + 3 : "(no reason given)");
	} else if (why != NULL && strncmp(why + 3, "SKIP", 4) == 0) {
		r->status = RC_REMOTE_SKIP;
		snprintf(r->reason, sizeof(r->reason), "%s", why[7] == ' ' ? why + 8 : "(no reason given)");
	} else {
		r->status = RC_REMOTE_PASS;
		r->reason[0] = '\0';
	}
	return 1;
}

/*
 * Find this case's result line (or a whole-run status) in the cache; the
 * per-ID line is the "# rumpcheck-ids:" diagnostic just before it.
 */
static void
lookup(const char *cache, const char *name, struct rc_remote_result *r)
{
	char line[2048], ids[1024] = "", *p;
	FILE *f = fopen(cache, "r");

	r->status = RC_REMOTE_FAIL;
	r->idline[0] = '\0';
	snprintf(r->reason, sizeof(r->reason), "[KTAP] the target reported no "
	    "result for this case (did the machine stop early? see %s.stderr)", cache);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "# UNAVAILABLE ", 14) == 0 || strncmp(line, "# ERROR ", 8) == 0) {
			r->status = line[2] == 'U' ? RC_REMOTE_SKIP : RC_REMOTE_FAIL;
			snprintf(r->reason, sizeof(r->reason), "%s", line + 2);
			continue;
		}
		if ((p = strstr(line, "# rumpcheck-ids:")) != NULL) {
			snprintf(ids, sizeof(ids), "%s", p + 2);
			continue;
		}
		/* Console lines may carry a prefix: find the result part. */
		if ((p = strstr(line, "ok ")) == NULL)
			continue;
		if (p >= line + 4 && strncmp(p - 4, "not ", 4) == 0)
			p -= 4;
		if (parse_result(p, name, r)) {
			snprintf(r->idline, sizeof(r->idline), "%s", ids);
			break;
		}
		ids[0] = '\0';
	}
	fclose(f);
}

void
rc_remote_case(const char *target, const struct rc_where *w, const char *run_id,
    const char *name, struct rc_remote_result *r)
{
	char root[2048], runner[4200], dir[2100], cache[4096], lockf[4200], id[256];
	int fd;

	if (rc_project_root(root, sizeof(root)) == -1) {
		r->status = RC_REMOTE_FAIL;
		snprintf(r->reason, sizeof(r->reason), "[KTAP] no project root for target %s", target);
		return;
	}
	snprintf(runner, sizeof(runner), "%s/atf/env/%s/run", root, w->environment);
	if (run_id == NULL || *run_id == '\0') {
		default_run_id(id, sizeof(id));
		run_id = id;
	}
	snprintf(dir, sizeof(dir), "%s/build/ktap", root);
	mkdir(dir, 0755);
	snprintf(cache, sizeof(cache), "%s/%s.tap", dir, target);
	snprintf(lockf, sizeof(lockf), "%s.lock", cache);
	if ((fd = open(lockf, O_RDWR | O_CREAT, 0644)) == -1 || flock(fd, LOCK_EX) == -1) {
		r->status = RC_REMOTE_FAIL;
		snprintf(r->reason, sizeof(r->reason), "[KTAP] cannot lock %s: %s", lockf, strerror(errno));
		return;
	}
	if (!cache_matches(cache, run_id))
		refresh_cache(root, runner, w, cache, run_id);
	close(fd);
	lookup(cache, name, r);
}
