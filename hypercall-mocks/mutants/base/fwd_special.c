/*
 * fwd_special.c -- the forwards that do more than forward: init keeps the
 * kernel's upcall table, mutex_init the flags, and the variadic and
 * noreturn calls. Weak, like fwd.c, and linked before it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "mutant.h"

#define MUTANT_MTXTAB 8192

struct rumpuser_hyperup mutant_hyp;
static struct {
	struct rumpuser_mtx *m;
	int flags;
} mtxtab[MUTANT_MTXTAB];
static int mtxtab_lock;

#define WEAK __attribute__((__weak__)) MUTANT_EXPORT
WEAK int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{
	if (hyp != NULL)
		mutant_hyp = *hyp;
	return posix_rumpuser_init(version, hyp);
}

static unsigned
mtxtab_slot(struct rumpuser_mtx *m)
{
	return (unsigned)(((uintptr_t)m >> 4) * 2654435761u) % MUTANT_MTXTAB;
}

WEAK void
rumpuser_mutex_init(struct rumpuser_mtx **mp, int flags)
{
	unsigned i, n;

	posix_rumpuser_mutex_init(mp, flags);
	while (__atomic_exchange_n(&mtxtab_lock, 1, __ATOMIC_ACQUIRE))
		continue;
	for (i = mtxtab_slot(*mp), n = 0; n < MUTANT_MTXTAB; i = (i + 1) % MUTANT_MTXTAB, n++) {
		if (mtxtab[i].m == NULL || mtxtab[i].m == *mp) {
			mtxtab[i].m = *mp;
			mtxtab[i].flags = flags;
			break;
		}
	}
	__atomic_store_n(&mtxtab_lock, 0, __ATOMIC_RELEASE);
}

int
mutant_mutex_flags(struct rumpuser_mtx *m)
{
	unsigned i, n;
	int flags = -1;

	while (__atomic_exchange_n(&mtxtab_lock, 1, __ATOMIC_ACQUIRE))
		continue;
	for (i = mtxtab_slot(m), n = 0; n < MUTANT_MTXTAB && mtxtab[i].m != NULL;
	    i = (i + 1) % MUTANT_MTXTAB, n++) {
		if (mtxtab[i].m == m) {
			flags = mtxtab[i].flags;
			break;
		}
	}
	__atomic_store_n(&mtxtab_lock, 0, __ATOMIC_RELEASE);
	return flags;
}

void
mutant_unschedule(int *nlocks, void *interlock)
{
	*nlocks = 0;
	if (mutant_hyp.hyp_backend_unschedule != NULL)
		mutant_hyp.hyp_backend_unschedule(0, nlocks, interlock);
}

void
mutant_schedule(int nlocks, void *interlock)
{
	if (mutant_hyp.hyp_backend_schedule != NULL)
		mutant_hyp.hyp_backend_schedule(nlocks, interlock);
}

/* Formatted here in full (the reference takes no va_list), then forwarded. */
WEAK void
rumpuser_dprintf(const char *fmt, ...)
{
	va_list ap;
	char *buf;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (buf = malloc((size_t)n + 1)) == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	va_end(ap);
	posix_rumpuser_dprintf("%s", buf);
	free(buf);
}

WEAK void
rumpuser_exit(int value)
{
	posix_rumpuser_exit(value);
}

WEAK void
rumpuser_thread_exit(void)
{
	posix_rumpuser_thread_exit();
}
