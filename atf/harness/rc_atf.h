/*
 * rc_atf.h -- the thin ATF wrapper: every case of the given areas becomes
 * an ATF test case with its descr, catalog IDs and timeout.
 *
 *	RC_ATF_MAIN(&rc_area_mutex, &rc_area_cv)
 */
#ifndef RC_ATF_H
#define RC_ATF_H

#include "rc_test.h"

int rc_atf_main(int argc, char **argv, const struct rc_area *const *areas);

#define RC_ATF_MAIN(...)						\
int									\
main(int argc, char **argv)						\
{									\
	static const struct rc_area *const areas_[] = { __VA_ARGS__, NULL }; \
	return rc_atf_main(argc, argv, areas_);				\
}

#endif /* RC_ATF_H */
