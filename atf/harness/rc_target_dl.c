/*
 * rc_target_dl.c -- load the target under test with dlopen.
 *
 * A bare name is a row of the targets table (targets/targets.tsv) or a
 * broken hypervisor, resolved by scripts/targets.py when the program was
 * built (rc_targets.h); anything with a '/' is a path to a library,
 * relative paths taken from the project root.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rc_target.h"
#include "rc_targets.h"

struct rc_target rc_tgt;
int rc_tgt_form = RC_FORM_PRE2020;
int rc_tgt_form_declared = -1;
int rc_tgt_form_detected = RC_FORM_PRE2020;
const char *rc_tgt_form_by = "nobody";
const char *rc_tgt_name = "?";

/*
 * The project root: $RUMPCHECK_ROOT, else the tree this program was built
 * from (rc_targets.h), so a program built elsewhere finds it.
 */
int
rc_project_root(char *buf, size_t len)
{
	const char *env = getenv("RUMPCHECK_ROOT");
	const char *root = env != NULL && env[0] != '\0' ? env : RC_TARGETS_ROOT;

	return (size_t)snprintf(buf, len, "%s", root) < len ? 0 : -1;
}

/* Every name the resolver (scripts/targets.py) knows, at build time. */
static const struct {
	const char *name, *hypervisor, *environment, *form, *library;
} rows[] = {
#define RC_TARGET_ROW(n, h, e, f, l) { n, h, e, f, l },
	RC_TARGET_ROWS
#undef RC_TARGET_ROW
};

int
rc_target_resolve(const char *spec, struct rc_where *w, char *err, size_t errlen)
{
	char root[2048];
	size_t i;

	memset(w, 0, sizeof(*w));
	if (rc_project_root(root, sizeof(root)) == -1) {
		snprintf(err, errlen, "the project root ($RUMPCHECK_ROOT) is too long");
		return -1;
	}
	/* A path is a user's hypervisor on the host; relative to the root. */
	if (strchr(spec, '/') != NULL) {
		w->environment = "host";
		snprintf(w->library, sizeof(w->library), "%s%s%s",
		    spec[0] == '/' ? "" : root, spec[0] == '/' ? "" : "/", spec);
		snprintf(w->hypervisor, sizeof(w->hypervisor), "%s", w->library);
		return 0;
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (strcmp(rows[i].name, spec) != 0)
			continue;
		w->environment = rows[i].environment;
		w->form = rows[i].form;
		snprintf(w->hypervisor, sizeof(w->hypervisor), "%s/%s", root, rows[i].hypervisor);
		snprintf(w->library, sizeof(w->library), "%s/%s", root, rows[i].library);
		return 0;
	}
	snprintf(err, errlen, "no target named '%s' in targets/targets.tsv or "
	    "hypercall-mocks/mutants/ (when this program was built; 'make' again, "
	    "or give a path to a librumpuser.so)", spec);
	return -1;
}

#define SYM(name) (rc_tgt.name = (__typeof__(rc_tgt.name))dlsym(h, "rumpuser_" #name))

int
rc_target_load(const char *spec, char *err, size_t errlen)
{
	struct rc_where w;
	void *h;

	if (rc_target_resolve(spec, &w, err, errlen) == -1)
		return -1;
	if (strcmp(w.environment, "host") != 0) {
		snprintf(err, errlen, "target '%s' runs in environment %s, not on this host",
		    spec, w.environment);
		return -1;
	}
	if (w.form != NULL)
		rc_target_declare_form(w.form, "targets/targets.tsv");
	if ((h = dlopen(w.library, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(err, errlen, "cannot load target '%s': %s", spec, dlerror());
		return -1;
	}
#define RC_HC(ret, name, params, args, cls) SYM(name);
#define RC_HCV(name, params, args, cls) SYM(name);
#include "hypercalls.def"
#undef RC_HC
#undef RC_HCV
	SYM(dprintf);
	SYM(exit);
	SYM(thread_exit);
	rc_target_settle_form();
	rc_tgt_name = spec;
	return 0;
}
