/*
 * canary.c -- the POSIX reference with a calibrated slowdown: every lock
 * acquisition hypercall (mutex and rwlock enter/tryenter) first spins
 * RUMPCHECK_CANARY_SPINS times (environment, read once at load; default
 * 0). A known regression, for proving that the regression detection
 * catches one of that size. Only the acquisitions are slowed: an
 * enter/exit pair then costs the wrapper's few instructions once, which
 * leaves room below 2% for the spins to calibrate.
 *
 * The delay is a count of loop iterations, not nanoseconds, so it costs
 * the same number of instructions on every run: callgrind Ir counts of a
 * canary run are as deterministic as the reference's, and in wall time an
 * iteration is about one cycle.
 */
#include <stdlib.h>

#include "mutant.h"

static unsigned long canary_spins;

__attribute__((__constructor__)) static void
canary_read_spins(void)
{
	const char *s = getenv("RUMPCHECK_CANARY_SPINS");

	if (s != NULL)
		canary_spins = strtoul(s, NULL, 0);
}

static inline void
canary_delay(void)
{
	unsigned long n;

	for (n = canary_spins; n > 0; n--)
		__asm__ __volatile__("" : "+r"(n));	/* keeps the loop */
}

MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	canary_delay();
	posix_rumpuser_mutex_enter(mtx);
}

MUTANT_EXPORT void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{
	canary_delay();
	posix_rumpuser_mutex_enter_nowrap(mtx);
}

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	canary_delay();
	return posix_rumpuser_mutex_tryenter(mtx);
}


MUTANT_EXPORT void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	canary_delay();
	posix_rumpuser_rw_enter(enum_rumprwlock, rw);
}

MUTANT_EXPORT int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	canary_delay();
	return posix_rumpuser_rw_tryenter(enum_rumprwlock, rw);
}
