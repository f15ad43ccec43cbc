/*
 * rc_isolate.h -- running a case in a watched child process, and the probe
 * of the library before the first case (hosts with fork; rc_isolate.c).
 */
#ifndef RC_ISOLATE_H
#define RC_ISOLATE_H

#include "rc_run.h"

/*
 * Run c in a child under a watchdog of limit_s seconds; a timed hypercall
 * still blocked overdue_s seconds after its deadline is a hang at once.
 * A crash or hang is failed under the ID of the hypercall it happened in;
 * the record (rc_record) holds the per-ID states afterwards.
 */
void rc_isolated_case(const struct rc_case *c, unsigned limit_s, unsigned overdue_s,
    struct rc_result *res);

/* The case stops itself: in a child, end it (its record says why). */
void rc_isolate_abort(const char *why);

/*
 * Is the loaded target a rumpuser library whose rumpuser_init returns?
 * 0 if so; else -1 with the reason and the ID (*id) every case fails with.
 * The probe runs once per library file (cached under build/probe/).
 */
int rc_probe_target(char *why, size_t len, const char **id);

/* Fail c without running it, citing its IDs (they are not reached). */
void rc_fail_unstarted(const struct rc_case *c, const char *id, const char *why,
    struct rc_result *res);

#endif /* RC_ISOLATE_H */
