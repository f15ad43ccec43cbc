/*
 * serial.c -- a hypervisor that serialises everything: the POSIX
 * reference with each lock and cv hypercall's non-blocking part run under
 * one process-wide host mutex, as a port that guards its hypercalls with
 * a single lock would. Whatever could block (a busy mutex or rwlock, a cv
 * wait) runs outside it, so nothing deadlocks and every contract holds:
 * only the scaling curves can tell (bench/scaling draws its curve).
 */
#include "mutant.h"

static pthread_mutex_t serial_giant = PTHREAD_MUTEX_INITIALIZER;

static void
serial_lock(void)
{
	pthread_mutex_lock(&serial_giant);
}

static void
serial_unlock(void)
{
	pthread_mutex_unlock(&serial_giant);
}

MUTANT_EXPORT int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{
	int rv;

	serial_lock();
	rv = posix_rumpuser_mutex_tryenter(mtx);
	serial_unlock();
	return rv;
}

/* Free: taken under the giant lock; busy: the reference's wait. */
MUTANT_EXPORT void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{
	if (rumpuser_mutex_tryenter(mtx) != 0)
		posix_rumpuser_mutex_enter(mtx);
}

MUTANT_EXPORT void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{
	if (rumpuser_mutex_tryenter(mtx) != 0)
		posix_rumpuser_mutex_enter_nowrap(mtx);
}

MUTANT_EXPORT void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{
	serial_lock();
	posix_rumpuser_mutex_exit(mtx);
	serial_unlock();
}

MUTANT_EXPORT int
rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	int rv;

	serial_lock();
	rv = posix_rumpuser_rw_tryenter(enum_rumprwlock, rw);
	serial_unlock();
	return rv;
}

MUTANT_EXPORT void
rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *rw)
{
	if (rumpuser_rw_tryenter(enum_rumprwlock, rw) != 0)
		posix_rumpuser_rw_enter(enum_rumprwlock, rw);
}

MUTANT_EXPORT void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{
	serial_lock();
	posix_rumpuser_rw_exit(rw);
	serial_unlock();
}

MUTANT_EXPORT void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{
	serial_lock();
	posix_rumpuser_cv_signal(cv);
	serial_unlock();
}

MUTANT_EXPORT void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{
	serial_lock();
	posix_rumpuser_cv_broadcast(cv);
	serial_unlock();
}
