/*
 * rw_downgrade_forgets_readers -- downgrade turns the write hold into a
 * read hold in the lock word but wakes nobody: readers that queued behind
 * the writer sleep on until the downgrader leaves, serialising exactly
 * the readers downgrade was meant to let in.
 *
 * The reference's lock word (targets/posix/rwlock.c): the write flag is
 * the top bit, the reader count the low bits.
 */
#include "mutant.h"

struct rw_word {
	uint32_t	state;
	struct lwp	*wlwp;
	void		*wthread;
};

#define RW_WRITE	0x80000000u

MUTANT_EXPORT void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{
	struct rw_word *w = (struct rw_word *)rw;

	__atomic_store_n(&w->wlwp, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&w->wthread, NULL, __ATOMIC_RELAXED);
	__atomic_add_fetch(&w->state, 1 - RW_WRITE, __ATOMIC_RELEASE);
}
