/*
 * wallstep.h -- step the wall clock the target reads (rch_wallclock_step,
 * never the machine's clock) and make sure the target sees the step, for
 * the cases that time relative waits across a step (clock and cv areas).
 * Static helpers, shared as a header like file/iohelp.h.
 */
#ifndef WALLSTEP_H
#define WALLSTEP_H

#include "mockkern.h"

#define WS_NS_PER_SEC	1000000000LL
#define WS_BACK_NS	(-30 * WS_NS_PER_SEC)	/* the steps NetBSD's waits */
#define WS_FWD_NS	(4 * WS_NS_PER_SEC)	/* were seen to follow */
#define WS_WAIT_NS	(500 * 1000000LL)	/* the relative waits timed */
#define WS_LATE_NS	(2 * WS_NS_PER_SEC)	/* a wait this much longer
						   followed the step */

/* RELWALL as the target reads it, less the host's monotonic clock. */
static inline int64_t
ws_wall_less_mono(void)
{
	int64_t sec = 0;
	long nsec = 0;

	rumpuser_clock_gettime(RUMPUSER_CLOCK_RELWALL, &sec, &nsec);
	return sec * WS_NS_PER_SEC + nsec - (int64_t)rch_mono_ns();
}

static inline void
ws_undo(void)
{
	const char *why;

	rch_wallclock_step(0, &why);
}

/*
 * Step the target's wall clock to offset_ns off the host's. 0 when the
 * target's RELWALL reading moved with it; else -1 after marking the case
 * skipped (no interposition here, or a target whose wall clock does not
 * come from libc, where this host cannot step it).
 */
static inline int
ws_step(int64_t offset_ns)
{
	const char *why;
	int64_t before, seen;
	int tries;

	/* A few tries: a thread descheduled between two readings on a busy
	 * host is not a target that ignores the step. */
	for (tries = 0; tries < 3; tries++) {
		ws_undo();
		before = ws_wall_less_mono();
		if (rch_wallclock_step(offset_ns, &why) == -1) {
			rc_skip(why);
			return -1;
		}
		seen = ws_wall_less_mono() - before;
		if (seen >= offset_ns - WS_NS_PER_SEC / 2 &&
		    seen <= offset_ns + WS_NS_PER_SEC / 2)
			return 0;
	}
	ws_undo();
	rc_skip("the target's RELWALL reading did not follow a step of its "
	    "libc wall clock: it reads the time some other way, which "
	    "this host cannot step");
	return -1;
}

#endif /* WALLSTEP_H */
