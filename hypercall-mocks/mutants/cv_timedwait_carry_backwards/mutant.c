/*
 * cv_timedwait_carry_backwards -- the deadline now + (sec, nsec) is built
 * by hand and its nanosecond overflow is carried the wrong way: a second
 * taken off instead of added. Whenever the nanoseconds of now and of the
 * timeout add up to a second or more (a 999999999 ns timeout: nearly
 * always) the wait ends two seconds early, i.e. at once for short ones.
 */
#include "mutant.h"

#define NSEC_PER_SEC	1000000000LL

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	int64_t nowsec, dsec, dnsec, leftsec, leftnsec;
	long nownsec;

	posix_rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &nowsec, &nownsec);
	/* The deadline's seconds are kept relative to now (no overflow). */
	dsec = sec;
	dnsec = nownsec + nsec;
	if (dnsec >= NSEC_PER_SEC) {
		dnsec -= NSEC_PER_SEC;
		dsec--;
	}
	/* What is left until that deadline goes to the reference. */
	leftsec = dsec;
	leftnsec = dnsec - nownsec;
	if (leftnsec < 0) {
		leftnsec += NSEC_PER_SEC;
		leftsec--;
	}
	if (leftsec < 0)
		return posix_rumpuser_cv_timedwait(cv, mtx, 0, 0);
	return posix_rumpuser_cv_timedwait(cv, mtx, leftsec, leftnsec);
}
