/*
 * init_hangs -- rumpuser_init waits for a host thread it never started
 * (a start-up handshake whose other side is missing), so it never returns.
 * The probe must fail every case at once, not let each hang until kyua's
 * timeout.
 */
#include "mutant.h"

static pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static int ready;

MUTANT_EXPORT int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	int rv = posix_rumpuser_init(version, hyp);

	pthread_mutex_lock(&ready_lock);
	while (!ready)
		pthread_cond_wait(&ready_cv, &ready_lock);
	pthread_mutex_unlock(&ready_lock);
	return rv;
}
