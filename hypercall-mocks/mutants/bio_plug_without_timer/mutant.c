/*
 * bio_plug_without_timer -- requests are held back to go to the host in
 * batches, as a block layer plugs them, but with no timer to release the
 * plug: a batch goes out when it is full or when the kernel blocks (a cv
 * wait, a sleep, a close, a syncfd). Busy kernels never notice; a lone
 * request that nothing follows is never given to the host.
 */
#include <stdlib.h>

#include "mutant.h"

#define PLUG_MAX	8

struct held {
	int		fd, op;
	void		*data;
	size_t		dlen;
	int64_t		off;
	rump_biodone_fn	biodone;
	void		*donearg;
};

static pthread_mutex_t plug_lock = PTHREAD_MUTEX_INITIALIZER;
static struct held plug[PLUG_MAX];
static int nplugged;

/* Give the held requests to the reference; call holding a CPU. */
static void
unplug(void)
{
	struct held out[PLUG_MAX];
	int i, n;

	pthread_mutex_lock(&plug_lock);
	n = nplugged;
	for (i = 0; i < n; i++)
		out[i] = plug[i];
	nplugged = 0;
	pthread_mutex_unlock(&plug_lock);
	for (i = 0; i < n; i++)
		posix_rumpuser_bio(out[i].fd, out[i].op, out[i].data, out[i].dlen,
		    out[i].off, out[i].biodone, out[i].donearg);
}

MUTANT_EXPORT void
rumpuser_bio(int fd, int op, void *data, size_t dlen, int64_t off,
    rump_biodone_fn biodone, void *donearg)
{
	int nlocks, full;

	mutant_unschedule(&nlocks, NULL);
	pthread_mutex_lock(&plug_lock);
	plug[nplugged++] = (struct held){ fd, op, data, dlen, off, biodone, donearg };
	full = nplugged == PLUG_MAX;
	pthread_mutex_unlock(&plug_lock);
	mutant_schedule(nlocks, NULL);
	if (full)
		unplug();
}

MUTANT_EXPORT void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
	unplug();
	posix_rumpuser_cv_wait(cv, mtx);
}

MUTANT_EXPORT int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	unplug();
	return posix_rumpuser_cv_timedwait(cv, mtx, sec, nsec);
}

MUTANT_EXPORT int
rumpuser_clock_sleep(int clk, int64_t sec, long nsec)
{
	unplug();
	return posix_rumpuser_clock_sleep(clk, sec, nsec);
}

MUTANT_EXPORT int
rumpuser_close(int fd)
{
	unplug();
	return posix_rumpuser_close(fd);
}

MUTANT_EXPORT int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
	unplug();
	return posix_rumpuser_syncfd(fd, flags, start, len);
}
