/*
 * ktap_main.c -- run the whole suite against one target and print KTAP:
 *	rc_ktap TARGET [CASE ...]
 * TARGET as for kyua's target variable; a statically linked build ignores it.
 */
#include <stdio.h>
#include <string.h>

#include "rc_areas.h"
#include "rc_ktap.h"
#include "rc_target.h"

static const struct rc_area *const areas[] = {
#define RC_AREA(name) &rc_area_##name,
#include "../areas.def"
#undef RC_AREA
	NULL
};

int
main(int argc, char **argv)
{
	char err[1024], filter[8192] = "";
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: rc_ktap TARGET [CASE ...]\n");
		return 2;
	}
	if (rc_target_load(argv[1], err, sizeof(err)) == -1) {
		fprintf(stderr, "rc_ktap: %s\n", err);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		strncat(filter, argv[i], sizeof(filter) - strlen(filter) - 2);
		strcat(filter, " ");
	}
	return rc_ktap_run(areas, filter) == 0 ? 0 : 1;
}
