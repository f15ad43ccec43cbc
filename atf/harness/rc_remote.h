/*
 * rc_remote.h -- results of targets that run the suite elsewhere and
 * report KTAP (see rc_remote.c).
 */
#ifndef RC_REMOTE_H
#define RC_REMOTE_H

#define RC_REMOTE_PASS	0
#define RC_REMOTE_FAIL	1
#define RC_REMOTE_SKIP	2

struct rc_remote_result {
	int status;
	char reason[1024];
	char idline[1024];	/* "rumpcheck-ids: ..." the target printed for it, or "" */
};

struct rc_where;

/* Run the target (resolved: w) once per run (cached) and report the named case. */
void rc_remote_case(const char *target, const struct rc_where *w, const char *run_id,
    const char *name, struct rc_remote_result *r);

#endif /* RC_REMOTE_H */
