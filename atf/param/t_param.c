/* t_param -- ATF wrapper for the getparam cases (param.c). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_param)
