/*
 * rc_target_dl.c -- load the target under test with dlopen.
 *
 * A bare name is looked up in targets/forms.tsv (its library and declared
 * form), else means targets/NAME/librumpuser.so (or, failing that,
 * hypercall-mocks/mutants/NAME/librumpuser.so) under the project root,
 * which is two levels above the test program; anything with a '/' is a
 * path, relative paths taken from the project root.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rc_target.h"

struct rc_target rc_tgt;
int rc_tgt_form = RC_FORM_PRE2020;
int rc_tgt_form_declared = -1;
int rc_tgt_form_detected = RC_FORM_PRE2020;
const char *rc_tgt_form_by = "nobody";
const char *rc_tgt_name = "?";

/* The project root: the test program lives in atf/<area>/. */
int
rc_project_root(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	int up;
	char *slash;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (up = 0; up < 3; up++) {
		if ((slash = strrchr(buf, '/')) == NULL)
			return -1;
		*slash = '\0';
	}
	return 0;
}

/*
 * targets/forms.tsv: "NAME<TAB>LIBRARY<TAB>FORM", LIBRARY under targets/.
 * Fills path and declares the form if spec names a library there.
 */
static int
lookup_table(const char *root, const char *spec, char *path, size_t len)
{
	static char by[] = "targets/forms.tsv";
	char file[2048], line[512], *lib, *form;
	FILE *f;
	int found = 0;

	snprintf(file, sizeof(file), "%s/targets/forms.tsv", root);
	if ((f = fopen(file, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		if ((lib = strchr(line, '\t')) == NULL ||
		    (form = strchr(lib + 1, '\t')) == NULL)
			continue;
		*lib++ = *form++ = '\0';
		form[strcspn(form, "\r\n\t")] = '\0';
		if (strcmp(line, spec) != 0 || strstr(lib, ".so") == NULL)
			continue;
		snprintf(path, len, "%s/targets/%s", root, lib);
		rc_target_declare_form(form, by);
		found = 1;
	}
	fclose(f);
	return found;
}

static int
resolve(const char *spec, char *path, size_t len, char *err, size_t errlen)
{
	static const char *const dirs[] = { "targets", "hypercall-mocks/mutants" };
	char root[2048];
	size_t i;

	if (spec[0] == '/') {
		snprintf(path, len, "%s", spec);
		return 0;
	}
	if (rc_project_root(root, sizeof(root)) == -1) {
		snprintf(err, errlen, "cannot find the project root from /proc/self/exe");
		return -1;
	}
	if (strchr(spec, '/') != NULL) {
		snprintf(path, len, "%s/%s", root, spec);
		return 0;
	}
	if (lookup_table(root, spec, path, len))
		return 0;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, len, "%s/%s/%s/librumpuser.so", root, dirs[i], spec);
		if (access(path, R_OK) == 0)
			return 0;
	}
	snprintf(err, errlen, "no target named '%s': no %s/targets/%s/librumpuser.so "
	    "(build it with 'make', or give a path)", spec, root, spec);
	return -1;
}

#define SYM(name) (rc_tgt.name = (__typeof__(rc_tgt.name))dlsym(h, "rumpuser_" #name))

int
rc_target_load(const char *spec, char *err, size_t errlen)
{
	char path[4096];
	void *h;

	if (resolve(spec, path, sizeof(path), err, errlen) == -1)
		return -1;
	if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
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
