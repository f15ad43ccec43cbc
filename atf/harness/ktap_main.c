/*
 * ktap_main.c -- run the whole suite against one target and print KTAP:
 *	rc_ktap [--isolate] TARGET [CASE ...]
 * TARGET as for kyua's target variable; a statically linked build ignores
 * it. With --isolate every case runs in a child process of its own, so a
 * crash fails that case only (hosts with fork: the i386 build), under the
 * rule of the hypercall it crashed in: the child keeps the case's record in
 * memory shared with this process. The environment variable
 * RUMPCHECK_FORM (pre2020, 2020) declares the target's interface-17 form.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rc_areas.h"
#include "rc_ktap.h"
#include "rc_run.h"
#include "rc_target.h"

#define ISOLATE_GRACE_S	30	/* beyond the runner's own case timeout */

static const struct rc_area *const areas[] = {
#define RC_AREA(name) &rc_area_##name,
#include "../areas.def"
#undef RC_AREA
	NULL
};

/* The child's result line for name, renumbered n; 0 if it had none. */
static int
relay_result(FILE *in, int n, const char *name)
{
	char line[2048], *p;
	size_t len = strlen(name);

	while (fgets(line, sizeof(line), in) != NULL) {
		if (strncmp(line, "# rumpcheck-ids:", 16) == 0) {
			fputs(line, stdout);
			continue;
		}
		p = strncmp(line, "not ok 1 ", 9) == 0 ? line + 9 :
		    strncmp(line, "ok 1 ", 5) == 0 ? line + 5 : NULL;
		if (p == NULL || strncmp(p, name, len) != 0)
			continue;
		printf("%s %d %s", line[0] == 'n' ? "not ok" : "ok", n, p);
		return 1;
	}
	return 0;
}

/* The child died before it reported: judge from its record, if shared. */
static void
report_death(int n, const struct rc_case *c, struct rc_record *shared, int status)
{
	char how[96], line[1024];

	if (shared == NULL) {
		printf("not ok %d %s # [CRASH] the case ended its process (%s %d) before "
		    "reporting\n", n, c->name, WIFSIGNALED(status) ? "signal" : "exit",
		    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		return;
	}
	rc_use_record(shared);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		rc_diagnose_stop(NULL, NULL);	/* the time limit: a hang */
	else {
		if (WIFSIGNALED(status))
			snprintf(how, sizeof(how), "CRASH: signal %d (%s)", WTERMSIG(status),
			    strsignal(WTERMSIG(status)));
		else
			snprintf(how, sizeof(how), "EXIT: the case's process exited with "
			    "status %d", WEXITSTATUS(status));
		rc_diagnose_stop(how, NULL);
	}
	rc_id_line(line, sizeof(line));
	printf("# %s\n", line);
	snprintf(line, sizeof(line), "%s", rc_reason_now());
	line[strcspn(line, "\n#")] = '\0';
	printf("not ok %d %s # %s\n", n, c->name, line);
	rc_use_record(NULL);
}

static int
run_isolated(int n, const struct rc_case *c)
{
	static struct rc_record *shared;
	unsigned limit = (c->flags & RC_F_SLOW ? 300 : 60) + ISOLATE_GRACE_S;
	int fds[2], status, got;
	FILE *in;
	pid_t pid;

	if (shared == NULL && (shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
		shared = NULL;

	fflush(stdout);
	if (pipe(fds) == -1 || (pid = fork()) == -1) {
		printf("not ok %d %s # [KTAP] cannot fork a child for the case\n", n, c->name);
		return 1;
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		if (shared != NULL)
			rc_use_record(shared);
		alarm(limit);
		_exit(rc_ktap_run(areas, c->name) == 0 ? 0 : 1);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	got = relay_result(in, n, c->name);
	fclose(in);
	waitpid(pid, &status, 0);
	if (got)
		return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	report_death(n, c, shared, status);
	return 1;
}

static int
selected(int argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return argc == 0;
}

static int
run_all_isolated(int argc, char **argv)
{
	const struct rc_area *const *a;
	const struct rc_case *const *c;
	int total = 0, n = 0, failed = 0;

	for (a = areas; *a != NULL; a++)
		for (c = (*a)->cases; *c != NULL; c++)
			total += selected(argc, argv, (*c)->name);
	printf("KTAP version 1\n1..%d\n", total);
	for (a = areas; *a != NULL; a++)
		for (c = (*a)->cases; *c != NULL; c++)
			if (selected(argc, argv, (*c)->name))
				failed += run_isolated(++n, *c);
	fflush(stdout);
	return failed;
}

int
main(int argc, char **argv)
{
	char err[1024], filter[8192] = "";
	int isolate = argc > 1 && strcmp(argv[1], "--isolate") == 0, i;

	argc -= isolate;
	argv += isolate;
	if (argc < 2) {
		fprintf(stderr, "usage: rc_ktap [--isolate] TARGET [CASE ...]\n");
		return 2;
	}
	if (rc_target_declare_form(getenv("RUMPCHECK_FORM"), "RUMPCHECK_FORM") == -1) {
		fprintf(stderr, "rc_ktap: RUMPCHECK_FORM must be pre2020 or 2020\n");
		return 2;
	}
	if (rc_target_load(argv[1], err, sizeof(err)) == -1) {
		fprintf(stderr, "rc_ktap: %s\n", err);
		return 2;
	}
	if (isolate)
		return run_all_isolated(argc - 2, argv + 2) == 0 ? 0 : 1;
	for (i = 2; i < argc; i++) {
		strncat(filter, argv[i], sizeof(filter) - strlen(filter) - 2);
		strcat(filter, " ");
	}
	return rc_ktap_run(areas, filter) == 0 ? 0 : 1;
}
