/*
 * fwd.c -- the plain rumpuser_* names of a mutant, forwarding to the
 * reference. Weak, so the mutant's own definition of a call wins; the
 * calls needing more than a forward (init, mutex_init, the variadic and
 * noreturn ones) come first in the link from fwd_special.c, and the first
 * weak definition is the one kept.
 */
#include "mutant.h"

#define WEAK __attribute__((__weak__)) MUTANT_EXPORT
#define RC_HC(ret, name, params, args, cls) \
	WEAK ret rumpuser_##name params { return posix_rumpuser_##name args; }
#define RC_HCV(name, params, args, cls) \
	WEAK void rumpuser_##name params { posix_rumpuser_##name args; }
#include "hypercalls.def"
