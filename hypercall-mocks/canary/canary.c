/*
 * canary.c -- the POSIX reference with a calibrated slowdown: every
 * RUMPCHECK_CANARY_EVERY-th lock acquisition hypercall of a thread (mutex
 * and rwlock enter/tryenter; default every one) first spins
 * RUMPCHECK_CANARY_SPINS times (environment, read once at load; default
 * 0). A known regression, for proving that the regression detection
 * catches one of that size. The canary without spins is the baseline to
 * compare with (its forwarding costs some 15% of a mutex enter/exit); one
 * spin costs about 8% there, so spinning on one acquisition in four gives
 * the 2% steps a small canary needs.
 *
 * The delay is a count of loop iterations, not nanoseconds, so it costs
 * the same number of instructions on every run: callgrind Ir counts of a
 * canary run are as deterministic as the reference's, and in wall time an
 * iteration is about one cycle.
 */
#include <stdlib.h>

#include "mutant.h"

static unsigned long canary_spins, canary_every = 1;
/* Acquisitions until this thread's next delay. */
static __thread unsigned long canary_countdown
    __attribute__((__tls_model__("initial-exec")));

__attribute__((__constructor__)) static void
canary_read_spins(void)
{
	const char *s = getenv("RUMPCHECK_CANARY_SPINS");
	const char *e = getenv("RUMPCHECK_CANARY_EVERY");

	if (s != NULL)
		canary_spins = strtoul(s, NULL, 0);
	if (e != NULL && strtoul(e, NULL, 0) > 0)
		canary_every = strtoul(e, NULL, 0);
}

static inline void
canary_delay(void)
{
	unsigned long n;

	if (canary_countdown > 1) {
		canary_countdown--;
		return;
	}
	canary_countdown = canary_every;
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
