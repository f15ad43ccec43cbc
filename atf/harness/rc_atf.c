/*
 * rc_atf.c -- ATF glue: registers the portable cases as ATF test cases and
 * turns a case's result into ATF's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "rc_atf.h"
#include "rc_isolate.h"
#include "rc_remote.h"
#include "rc_run.h"
#include "rc_target.h"

#define RC_TIMEOUT	"60"
#define RC_TIMEOUT_SLOW	"300"
#define RC_TIMEOUT_REMOTE "1800"	/* the first case runs the whole target */
/* The runner's own watchdogs: shorter than kyua's, so a hang is diagnosed. */
#define RC_WATCHDOG_S		45
#define RC_WATCHDOG_SLOW_S	240
#define RC_OVERDUE_S		10	/* a timed call this late is a hang at once */

static const struct rc_area *const *rc_areas;

/* Does the target run in an environment other than this host? */
static int
elsewhere(const struct rc_where *w)
{
	return w->environment != NULL && strcmp(w->environment, "host") != 0;
}

static void
case_head(atf_tc_t *tc)
{
	const struct rc_case *c = rc_find_case(rc_areas, atf_tc_get_ident(tc));
	struct rc_where w;
	char err[1024];

	atf_tc_set_md_var(tc, "descr", "%s [%s]", c->descr, c->ids);
	atf_tc_set_md_var(tc, "X-rumpcheck-ids", "%s", c->ids);
	if (rc_target_resolve(atf_tc_get_config_var_wd(tc, "target", "posix"), &w,
	    err, sizeof(err)) == 0 && elsewhere(&w))
		atf_tc_set_md_var(tc, "timeout", "%s", RC_TIMEOUT_REMOTE);
	else
		atf_tc_set_md_var(tc, "timeout", "%s",
		    c->flags & RC_F_SLOW ? RC_TIMEOUT_SLOW : RC_TIMEOUT);
}

/* The case ran elsewhere: report the line the target's KTAP has for it. */
static void
remote_body(const atf_tc_t *tc, const char *target, const struct rc_where *w)
{
	struct rc_remote_result r;

	rc_remote_case(target, w, atf_tc_get_config_var_wd(tc, "run_id", ""),
	    atf_tc_get_ident(tc), &r);
	if (r.idline[0] != '\0')
		printf("%s\n", r.idline);
	fflush(stdout);
	if (r.status == RC_REMOTE_FAIL)
		atf_tc_fail("%s", r.reason);
	if (r.status == RC_REMOTE_SKIP)
		atf_tc_skip("%s", r.reason);
}

/*
 * Under -v test_suites.rumpcheck.watchdog=S (the mutation campaign: S
 * of 10 or so) every watchdog is at most S seconds (slow cases: 5 S), so
 * a hang costs seconds, not minutes.
 */
static void
isolated_case(const atf_tc_t *tc, const struct rc_case *c, struct rc_result *res)
{
	unsigned limit = c->flags & RC_F_SLOW ? RC_WATCHDOG_SLOW_S : RC_WATCHDOG_S;
	unsigned overdue = RC_OVERDUE_S;
	long s = atol(atf_tc_get_config_var_wd(tc, "watchdog", "0"));

	if (s > 0 && s < RC_WATCHDOG_S) {
		limit = c->flags & RC_F_SLOW ? 5 * (unsigned)s : (unsigned)s;
		overdue = (unsigned)s < overdue ? (unsigned)s : overdue;
	}
	rc_isolated_case(c, limit, overdue, res);
}

static void
case_body(const atf_tc_t *tc)
{
	const struct rc_case *c = rc_find_case(rc_areas, atf_tc_get_ident(tc));
	const char *target = atf_tc_get_config_var_wd(tc, "target", "posix");
	struct rc_result res;
	struct rc_where w;
	char err[1024], line[1024];
	const char *id;

	if (rc_target_resolve(target, &w, err, sizeof(err)) == 0 && elsewhere(&w)) {
		remote_body(tc, target, &w);
		return;
	}
	if (rc_target_declare_form(atf_tc_get_config_var_wd(tc, "form", ""),
	    "-v test_suites.rumpcheck.form") == -1)
		atf_tc_fail("[LOAD] test_suites.rumpcheck.form must be pre2020 or 2020");
	if (rc_target_load(target, err, sizeof(err)) == -1)
		rc_fail_unstarted(c, "LOAD", err, &res);
	else if (rc_probe_target(err, sizeof(err), &id) == -1)
		rc_fail_unstarted(c, id, err, &res);
	else
		isolated_case(tc, c, &res);
	rc_id_line(line, sizeof(line));
	printf("%s\n", line);
	fflush(stdout);
	if (res.status == RC_RES_FAIL)
		atf_tc_fail("%s", res.reason);
	if (res.status == RC_RES_SKIP)
		atf_tc_skip("%s", res.reason);
}

void
rch_abort_case(const char *why)
{
	const char *reason;

	rc_isolate_abort(why);	/* returns only outside a case's child */
	reason = rc_reason_now();
	atf_tc_fail("%s", reason[0] != '\0' ? reason : why);
}

static atf_error_t
add_cases(atf_tp_t *tp)
{
	const struct rc_area *const *a;
	const struct rc_case *const *c;
	atf_error_t err;
	char **config;
	atf_tc_t *tc;

	for (a = rc_areas; *a != NULL; a++) {
		for (c = (*a)->cases; *c != NULL; c++) {
			if ((tc = malloc(sizeof(*tc))) == NULL ||
			    (config = atf_tp_get_config(tp)) == NULL)
				return atf_no_memory_error();
			err = atf_tc_init(tc, (*c)->name, case_head, case_body, NULL,
			    (const char *const *)config);
			atf_utils_free_charpp(config);
			if (atf_is_error(err))
				return err;
			if (atf_is_error(err = atf_tp_add_tc(tp, tc)))
				return err;
		}
	}
	return atf_no_error();
}

int atf_tp_main(int, char **, atf_error_t (*)(atf_tp_t *));

int
rc_atf_main(int argc, char **argv, const struct rc_area *const *areas)
{
	rc_areas = areas;
	return atf_tp_main(argc, argv, add_cases);
}
