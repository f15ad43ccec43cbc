/*
 * mutant.h -- what a broken hypervisor is built from.
 *
 * A mutant is the POSIX reference target with exactly one rule broken. Its
 * library holds the reference objects with every rumpuser_* renamed
 * posix_rumpuser_*, weak forwarders that export the plain names (fwd.c),
 * and the mutant's own strong definitions of the calls it breaks.
 */
#ifndef MUTANT_H
#define MUTANT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define LIBRUMPUSER
#define RUMPUSER_2020
#include <rump/rumpuser.h>
#include <rump/rumpuser_component.h>

#define MUTANT_EXPORT __attribute__((__visibility__("default")))

/*
 * The reference implementation of every call, in the platform's standard
 * calling convention even where a mutant builds its own entry points with
 * another (the i386 regparm mutant).
 */
#ifdef __i386__
#define MUTANT_POSIX_ABI __attribute__((__regparm__(0)))
#else
#define MUTANT_POSIX_ABI
#endif
#define RC_HC(ret, name, params, args, cls) MUTANT_POSIX_ABI ret posix_rumpuser_##name params;
#define RC_HCV(name, params, args, cls) MUTANT_POSIX_ABI void posix_rumpuser_##name params;
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
void posix_rumpuser_dprintf(const char *, ...) __printflike(1, 2);
void posix_rumpuser_exit(int) __dead;
void posix_rumpuser_thread_exit(void) __dead;

/* The upcall table the kernel handed to rumpuser_init. */
extern struct rumpuser_hyperup mutant_hyp;

/* The flags a mutex was created with (-1 if unknown). */
int mutant_mutex_flags(struct rumpuser_mtx *);

/* Release / take back the virtual CPU the way the reference does. */
void mutant_unschedule(int *nlocks, void *interlock);
void mutant_schedule(int nlocks, void *interlock);

#endif /* MUTANT_H */
