/*
 * rc_ktap.c -- the KTAP runner (see rc_ktap.h).
 */
#include "rc_ktap.h"
#include "rc_run.h"

#define RC_KTAP_TIMEOUT_MS	60000u
#define RC_KTAP_SLOW_MS		300000u

struct ktap_job {
	const struct rc_case *c;
	struct rc_result res;
	int done;
};

/* The case running now and its number, for the beats. */
static const struct rc_case *running;
static int running_n;

static void
run_job(void *arg)
{
	struct ktap_job *j = arg;

	rc_run_case(j->c, &j->res);
	rc_store(&j->done, 1);
}

static int
selected(const char *filter, const char *name)
{
	size_t n = rc_strlen(name);
	const char *p = filter;

	if (filter == NULL || *filter == '\0')
		return 1;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (rc_memcmp(p, name, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		while (*p != ' ' && *p != '\0')
			p++;
	}
	return 0;
}

/* A reason on one line: KTAP has no multi-line directives. */
static void
flatten(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\n' || *s == '\r' || *s == '#')
			*s = *s == '#' ? '%' : ' ';
}

static int
report(int n, const struct ktap_job *j, int finished)
{
	static char line[1200], reason[1024];	/* kernel stacks are small */
	int status = j->res.status;

	if (!finished)
		rc_diagnose_stop(NULL, NULL);
	if (!finished || !rc_load(&j->done))
		rc_snprintf(reason, sizeof(reason), "%s", rc_reason_now());
	else
		rc_snprintf(reason, sizeof(reason), "%s", j->res.reason);
	if (!finished || !rc_load(&j->done))
		status = rc_skipped() && !rc_failed() ? RC_RES_SKIP : RC_RES_FAIL;
	flatten(reason);
	/* The per-ID verdicts, as a KTAP diagnostic just before the result. */
	line[0] = '#';
	line[1] = ' ';
	rc_id_line(line + 2, sizeof(line) - 2);
	rch_ktap_line(line);
	if (status == RC_RES_PASS)
		rc_snprintf(line, sizeof(line), "ok %d %s", n, j->c->name);
	else if (status == RC_RES_SKIP)
		rc_snprintf(line, sizeof(line), "ok %d %s # SKIP %s", n, j->c->name, reason);
	else
		rc_snprintf(line, sizeof(line), "not ok %d %s # %s", n, j->c->name, reason);
	rch_ktap_line(line);
	return status == RC_RES_FAIL;
}

void
rc_ktap_beat(unsigned waited_ms)
{
	static char line[320], call[160];	/* kernel stacks are small */

	if (running == NULL)
		return;
	if (!rc_flight_now(call, sizeof(call)))
		rc_snprintf(call, sizeof(call), "no hypercall in flight");
	rc_snprintf(line, sizeof(line), "# case-beat %d %s %u s: %s", running_n, running->name,
	    waited_ms / 1000u, call);
	rch_ktap_line(line);
}

/* Say which case starts, with the IDs a hang of it would fail. */
static void
begin(int n, const struct rc_case *c)
{
	static char line[1200];

	rc_snprintf(line, sizeof(line), "# case-begin %d %s: %s", n, c->name, c->ids);
	rch_ktap_line(line);
	running_n = n;
	running = c;
}

int
rc_ktap_run(const struct rc_area *const *areas, const char *filter)
{
	const struct rc_area *const *a;
	const struct rc_case *const *c;
	struct ktap_job *j;
	char line[64];
	int total = 0, n = 0, failed = 0, finished;

	for (a = areas; *a != NULL; a++)
		for (c = (*a)->cases; *c != NULL; c++)
			total += selected(filter, (*c)->name);
	rch_ktap_line("KTAP version 1");
	rc_snprintf(line, sizeof(line), "1..%d", total);
	rch_ktap_line(line);
	for (a = areas; *a != NULL; a++) {
		for (c = (*a)->cases; *c != NULL; c++) {
			if (!selected(filter, (*c)->name))
				continue;
			/* A case abandoned by the watchdog may still use its job. */
			if ((j = rch_alloc(sizeof(*j))) == NULL)
				return failed + total - n;
			j->c = *c;
			rc_reset();
			begin(++n, *c);
			finished = rch_run_apart(run_job, j, (*c)->flags & RC_F_SLOW ?
			    RC_KTAP_SLOW_MS : RC_KTAP_TIMEOUT_MS) == 0;
			running = NULL;
			failed += report(n, j, finished);
			if (finished)
				rch_free(j);
		}
	}
	return failed;
}
