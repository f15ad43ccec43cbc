/*
 * rc_target.h -- the target under test, as a table of entry points.
 *
 * Test bodies call the plain rumpuser_* names; those resolve to the shim
 * (rc_shim.c), which forwards through rc_tgt and checks the upcall
 * discipline. The mock kernel and the benchmarks call rc_tgt directly.
 * A NULL entry is a hypercall the target does not provide.
 */
#ifndef RC_TARGET_H
#define RC_TARGET_H

#include "rc_test.h"

struct rc_target {
#define RC_HC(ret, name, params, args, cls) ret (*name) params;
#define RC_HCV(name, params, args, cls) void (*name) params;
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
	void (*dprintf)(const char *, ...);
	void (*exit)(int);
	void (*thread_exit)(void);
};

extern struct rc_target rc_tgt;
extern const char *rc_tgt_name;

/*
 * The two forms of interface 17 (include/rump/rumpuser.h): deployed
 * kernels (buildrump.sh, rumprun) call the pre-2020 form.
 */
#define RC_FORM_PRE2020	0	/* dl_bootstrap(mi, sl, cl); no mutex_spin_p */
#define RC_FORM_2020	1	/* dl_bootstrap(mi, sl, cl, ea) and mutex_spin_p */
/* The form the loaded target implements; set by rc_target_load. */
extern int rc_tgt_form;

/*
 * Fill rc_tgt for the target named by spec (a name under targets/ or a
 * path to a library). Returns 0, or -1 with a message in err.
 */
int rc_target_load(const char *spec, char *err, size_t errlen);

/* The project root of a host test program (two levels above it). */
int rc_project_root(char *buf, size_t len);

/* The case dies at once: the target lacks a hypercall the case needs. */
void rc_unimplemented(const char *hypercall) __attribute__((__noreturn__));

/* Call rc_tgt.name, or fail the case as unimplemented. */
#define RC_RAW(name) \
	(rc_tgt.name != NULL ? rc_tgt.name : \
	    (rc_unimplemented("rumpuser_" #name), rc_tgt.name))

#endif /* RC_TARGET_H */
