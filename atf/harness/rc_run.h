/*
 * rc_run.h -- running one case: the environment-independent part.
 */
#ifndef RC_RUN_H
#define RC_RUN_H

#include "rc_test.h"

#define RC_RES_PASS	0
#define RC_RES_FAIL	1
#define RC_RES_SKIP	2

struct rc_result {
	int status;
	char reason[1024];	/* first failures, or the skip reason */
};

/* Boot the mock kernel as the case wants, run the body, judge. */
void rc_run_case(const struct rc_case *, struct rc_result *);

/* Look a case up by name in NULL-terminated area lists. */
const struct rc_case *rc_find_case(const struct rc_area *const *, const char *);

/* Forget the previous case (environments that run many in one process). */
void rc_reset(void);

/* What has been recorded so far (for a case that must stop at once). */
const char *rc_reason_now(void);

#endif /* RC_RUN_H */
