/* t_errno -- ATF wrapper for the errno translation cases (errno.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_errno)
