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
/*
 * The form the suite calls the target in (set by rc_target_load): the
 * declared one, else the detected one. Declared: targets/targets.tsv for an
 * in-tree name, or the user's (kyua: -v test_suites.rumpcheck.form=
 * pre2020|2020) through rc_target_declare_form before the load; -1 if
 * nobody declared one. Detected: the 2020 form exports mutex_spin_p.
 */
extern int rc_tgt_form;
extern int rc_tgt_form_declared;
extern int rc_tgt_form_detected;
extern const char *rc_tgt_form_by;	/* who declared it */

/*
 * Declare the form: "pre2020" or "2020"; "" or NULL declares nothing.
 * Returns -1 for anything else. A form already declared stays.
 */
static inline int
rc_target_declare_form(const char *form, const char *by)
{
	int f;

	if (form == NULL || form[0] == '\0')
		return 0;
	if (rc_strcmp(form, "pre2020") == 0)
		f = RC_FORM_PRE2020;
	else if (rc_strcmp(form, "2020") == 0)
		f = RC_FORM_2020;
	else
		return -1;
	if (rc_tgt_form_declared < 0) {
		rc_tgt_form_declared = f;
		rc_tgt_form_by = by;
	}
	return 0;
}

static inline const char *
rc_form_name(int form)
{
	return form == RC_FORM_2020 ? "2020" : "pre-2020";
}

/* For the loaders, once rc_tgt is filled: detect, then choose. */
static inline void
rc_target_settle_form(void)
{
	rc_tgt_form_detected = rc_tgt.mutex_spin_p != NULL ?
	    RC_FORM_2020 : RC_FORM_PRE2020;
	rc_tgt_form = rc_tgt_form_declared >= 0 ?
	    rc_tgt_form_declared : rc_tgt_form_detected;
}

/*
 * Call dl_bootstrap fn(mi, sl, cl) as a pre-2020 kernel does, three
 * arguments, with the slot of a fourth holding poison (rc_shim.c).
 */
void rc_call_dl3(void *fn, void *mi, void *sl, void *cl, void *poison);
/* How often a library called the fourth argument a pre-2020 call lacks. */
int rc_dl_fourth_arg_calls(void);

/* What a target spec means (a row of targets/targets.tsv, see rc_target_dl.c). */
struct rc_where {
	const char *environment;	/* "host", or a directory of atf/env/ */
	const char *form;		/* the declared form, or NULL */
	char hypervisor[4096];		/* its directory (a path spec: the library) */
	char library[4096];		/* what the host dlopens */
};

/* Resolve spec: 0, or -1 with a message in err. */
int rc_target_resolve(const char *spec, struct rc_where *w, char *err, size_t errlen);

/*
 * Fill rc_tgt for the host target named by spec (a name of the table or a
 * path to a library). Returns 0, or -1 with a message in err.
 */
int rc_target_load(const char *spec, char *err, size_t errlen);

/* The project root: $RUMPCHECK_ROOT, else the tree the program was built from. */
int rc_project_root(char *buf, size_t len);

/* The case dies at once: the target lacks a hypercall the case needs. */
void rc_unimplemented(const char *hypercall) __attribute__((__noreturn__));

/* Call rc_tgt.name, or fail the case as unimplemented. */
#define RC_RAW(name) \
	(rc_tgt.name != NULL ? rc_tgt.name : \
	    (rc_unimplemented("rumpuser_" #name), rc_tgt.name))

#endif /* RC_TARGET_H */
