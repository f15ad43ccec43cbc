/*
 * rw_tryupgrade_ignores_readers -- tryupgrade only checks for a writer:
 * with other readers inside it makes the caller the writer anyway, so a
 * writer and readers are in the lock together.
 */
#include "mutant.h"
#include "rumpuser_int.h"

/* rwlock.c's layout and state bits. */
struct mutant_rw {
	uint32_t	state;
	struct lwp	*wlwp;
	void		*wthread;
} __attribute__((__aligned__(RUMPUSER_LOCKALIGN)));
#define RW_READERS	0x0000ffffu
#define RW_WRITE	0x80000000u

MUTANT_EXPORT int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
	struct mutant_rw *r = (struct mutant_rw *)rw;
	uint32_t s = __atomic_load_n(&r->state, __ATOMIC_RELAXED);

	do {
		if ((s & RW_WRITE) || (s & RW_READERS) == 0)
			return 16;	/* NetBSD EBUSY */
	} while (!__atomic_compare_exchange_n(&r->state, &s,
	    (s - 1) | RW_WRITE, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	__atomic_store_n(&r->wlwp, rumpuser__curlwp(), __ATOMIC_RELAXED);
	__atomic_store_n(&r->wthread, &rumpuser__curlwp_tls, __ATOMIC_RELAXED);
	return 0;
}
