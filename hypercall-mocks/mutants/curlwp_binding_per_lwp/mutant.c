/*
 * curlwp_binding_per_lwp -- the binding is recorded on the lwp ("bound")
 * rather than per host thread: an unbound thread that last ran an lwp
 * sees it as its curlwp again as soon as any thread binds it, so an lwp
 * that moves shows up on both threads.
 */
#include "mutant.h"

#define NBOUND 256

static struct lwp *bound[NBOUND];
static __thread struct lwp *last;

static int
is_bound(struct lwp *l)
{
	int i;

	for (i = 0; i < NBOUND; i++)
		if (__atomic_load_n(&bound[i], __ATOMIC_ACQUIRE) == l)
			return 1;
	return 0;
}

static void
mark(struct lwp *from, struct lwp *to)
{
	int i;

	for (i = 0; i < NBOUND; i++) {
		struct lwp *want = from;

		if (__atomic_compare_exchange_n(&bound[i], &want, to, 0,
		    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			return;
	}
}

MUTANT_EXPORT void
rumpuser_curlwpop(int op, struct lwp *l)
{
	posix_rumpuser_curlwpop(op, l);
	if (op == RUMPUSER_LWP_SET) {
		last = l;
		mark(NULL, l);
	} else if (op == RUMPUSER_LWP_CLEAR) {
		mark(l, NULL);
	}
}

MUTANT_EXPORT struct lwp *
rumpuser_curlwp(void)
{
	struct lwp *l = posix_rumpuser_curlwp();

	if (l == NULL && last != NULL && is_bound(last))
		return last;
	return l;
}
