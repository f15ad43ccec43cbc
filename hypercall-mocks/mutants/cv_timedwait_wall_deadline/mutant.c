/*
 * cv_timedwait_wall_deadline -- the timeout becomes a wall-clock deadline
 * (CLOCK_REALTIME now + timeout) waited for on the host's realtime clock,
 * as pthread_cond_timedwait with the default clock attribute does in
 * NetBSD's pthread librumpuser: every step of the host's clock moves the
 * end of the timed waits in progress.
 */
#include "mutant.h"

#include <sys/syscall.h>

#include <time.h>
#include <unistd.h>

#define NSEC_PER_SEC	1000000000LL

static int64_t
ts_ns(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct timespec now, host;
	int64_t deadline, left;

	if (sec < 0 || nsec < 0 || sec > INT32_MAX || nsec >= NSEC_PER_SEC)
		return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
	clock_gettime(CLOCK_REALTIME, &now);
	deadline = ts_ns(&now) + sec * NSEC_PER_SEC + nsec;
	/*
	 * A host realtime timer runs on the kernel's own realtime clock: the
	 * reference's (monotonic) wait gets the time left until that clock,
	 * read with the system call itself, reaches the deadline.
	 */
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &host);
	if ((left = deadline - ts_ns(&host)) < 0)
		left = 0;
	return posix_rumpuser_cv_timedwait(cv, mtx, left / NSEC_PER_SEC,
	    left % NSEC_PER_SEC);
}
