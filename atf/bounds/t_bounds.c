/* t_bounds -- ATF wrapper for the boundary-value cases (bounds.c, bounds.def). */
#include "rc_atf.h"
#include "rc_areas.h"

RC_ATF_MAIN(&rc_area_bounds)
