/*
 * rw_writer_unrecorded_when_waiting -- the writer is recorded only on the
 * fast path: a writer that had to wait for the lock gets it without its
 * owner being stored, so held(WRITER) is 0 in the very thread that holds
 * it and the kernel's rw_write_held() assertions fail.
 */
#include "mutant.h"

#define MAX_UNRECORDED	64

/* Locks whose current writer got in by waiting. */
static struct rumpuser_rw *unrecorded[MAX_UNRECORDED];
static pthread_mutex_t unrecorded_lock = PTHREAD_MUTEX_INITIALIZER;

static int
find_slot(struct rumpuser_rw *rw)
{
	int i;

	for (i = 0; i < MAX_UNRECORDED; i++)
		if (unrecorded[i] == rw)
			return i;
	return -1;
}

static void
set_unrecorded(struct rumpuser_rw *rw, struct rumpuser_rw *value)
{
	int i;

	pthread_mutex_lock(&unrecorded_lock);
	i = find_slot(rw);
	if (i >= 0)
		unrecorded[i] = value;
	pthread_mutex_unlock(&unrecorded_lock);
}

static int
is_unrecorded(struct rumpuser_rw *rw)
{
	int i;

	pthread_mutex_lock(&unrecorded_lock);
	i = find_slot(rw);
	pthread_mutex_unlock(&unrecorded_lock);
	return i >= 0;
}

MUTANT_EXPORT void
rumpuser_rw_enter(int op, struct rumpuser_rw *rw)
{
	if (op != RUMPUSER_RW_WRITER || posix_rumpuser_rw_tryenter(op, rw) != 0) {
		posix_rumpuser_rw_enter(op, rw);
		if (op == RUMPUSER_RW_WRITER)
			set_unrecorded(NULL, rw);	/* a free slot takes rw */
	}
}

MUTANT_EXPORT void
rumpuser_rw_held(int op, struct rumpuser_rw *rw, int *rvp)
{
	posix_rumpuser_rw_held(op, rw, rvp);
	if (op == RUMPUSER_RW_WRITER && is_unrecorded(rw))
		*rvp = 0;
}

MUTANT_EXPORT void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{
	set_unrecorded(rw, NULL);
	posix_rumpuser_rw_exit(rw);
}

MUTANT_EXPORT void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{
	set_unrecorded(rw, NULL);
	posix_rumpuser_rw_downgrade(rw);
}

MUTANT_EXPORT void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{
	set_unrecorded(rw, NULL);
	posix_rumpuser_rw_destroy(rw);
}
