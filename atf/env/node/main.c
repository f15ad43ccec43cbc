/*
 * main.c -- the wasm program's entry: "--list" prints the name of every
 * case, one a line (the driver needs them to resume a run after a case
 * kills the wasm instance); anything else goes to ktap_main.c, whose
 * main is renamed rc_ktap_main for this build.
 */
#include <stdio.h>
#include <string.h>

#include "rc_areas.h"

int rc_ktap_main(int, char **);

static const struct rc_area *const areas[] = {
#define RC_AREA(name) &rc_area_##name,
#include "areas.def"
#undef RC_AREA
	NULL
};

int
main(int argc, char **argv)
{
	const struct rc_area *const *a;
	const struct rc_case *const *c;

	if (argc != 2 || strcmp(argv[1], "--list") != 0)
		return rc_ktap_main(argc, argv);
	for (a = areas; *a != NULL; a++)
		for (c = (*a)->cases; *c != NULL; c++)
			printf("%s\n", (*c)->name);
	return 0;
}
